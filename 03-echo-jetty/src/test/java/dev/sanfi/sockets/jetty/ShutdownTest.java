package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@code JettyEchoServer.close()}: Close 1001 to every open session before Jetty stops. */
class ShutdownTest {

    @Test
    void sendsGoingAwayToEveryOpenSession() throws Exception {
        JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        InetSocketAddress address = server.localAddress();
        try (WireClient first = WireClient.open(server); WireClient second = WireClient.open(server)) {
            server.close();
            for (WireClient connection : new WireClient[] {first, second}) {
                Frame close = connection.readFrame();
                assertThat(close.opcode()).isEqualTo(Frame.CLOSE);
                assertThat(Close.parse(close.payload()).code()).isEqualTo(1001);
                connection.awaitEof();
            }
        } finally {
            server.close();
        }
        assertThatThrownBy(() -> WireClient.connect(address).close())
                .as("nothing listens after close()").isInstanceOf(IOException.class);
    }

    @Test
    void closeIsIdempotent() throws Exception {
        JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        server.close();
        server.close();
    }
}
