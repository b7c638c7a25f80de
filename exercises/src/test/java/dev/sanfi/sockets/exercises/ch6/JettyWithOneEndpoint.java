package dev.sanfi.sockets.exercises.ch6;

import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Plain Jetty on 127.0.0.1 and a free port, with one endpoint mapped at {@code /echo}: chapter 6's shortest server. */
final class JettyWithOneEndpoint implements AutoCloseable {

    private final Server server;
    private final InetSocketAddress address;

    private JettyWithOneEndpoint(Server server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    static JettyWithOneEndpoint start(Supplier<Object> endpoints) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container ->
                container.addMapping("/echo", (request, response, callback) -> endpoints.get())));
        server.start();
        return new JettyWithOneEndpoint(server, new InetSocketAddress("127.0.0.1", connector.getLocalPort()));
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping Jetty failed", e);
        }
    }
}
