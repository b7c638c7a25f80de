package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;
import java.net.InetSocketAddress;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The echo contract against plain Tyrus: its standalone {@link Server} (Grizzly inside) with the
 * {@link EchoEndpoint} and nothing else, as Tyrus's documentation starts a server. No guard, no page.
 * {@code PlainStackTableTest} runs it and keeps chapter 5's table of what Tyrus does by itself.
 */
@Execution(ExecutionMode.CONCURRENT)
public class PlainStackContract extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        // Tyrus's Server takes port 0 for its default, 8025; -1 asks for a free port.
        Server server = new Server(settings.host(), settings.port() == 0 ? -1 : settings.port(), "/", null,
                EchoEndpoint.class);
        server.start();
        InetSocketAddress address = new InetSocketAddress(settings.host(), server.getPort());
        return new EchoServer() {
            @Override
            public InetSocketAddress localAddress() {
                return address;
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }
}
