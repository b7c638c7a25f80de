package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The contract against plain Jetty: its defaults and {@link EchoEndpoint} at {@code /echo}, as a
 * beginner following Jetty's documentation would write it; nothing from {@code guard}, no limits,
 * no page. Not a test by itself (its name does not end in Test): {@code PlainStackTableTest} runs it
 * and compares what fails with the table in chapter 6, its cases side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
public class PlainStackContract extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container ->
                container.addMapping(EchoProtocol.ECHO_PATH, (request, response, callback) -> new EchoEndpoint())));
        server.start();
        InetSocketAddress address = new InetSocketAddress(connector.getHost(), connector.getLocalPort());
        return new EchoServer() {
            @Override
            public InetSocketAddress localAddress() {
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
        };
    }
}
