package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
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
    @DisplayName("a second close() sends no second Close, throws nothing, returns at once, and the server stays stopped")
    void closeIsIdempotent() throws Exception {
        JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        InetSocketAddress address = server.localAddress();
        try (WireClient connection = WireClient.open(server)) {
            // The first close() waits for our answer to its Close, so it runs on a thread of its own.
            Thread first = new Thread(server::close, "first-close");
            first.start();
            Close close = connection.awaitClose();
            assertThat(close.code()).isEqualTo(1001);
            connection.acknowledgeClose(close);
            first.join(Duration.ofSeconds(10).toMillis());
            assertThat(first.isAlive()).as("the first close() returned").isFalse();

            assertTimeout(Duration.ofSeconds(1), server::close, "the second close() has nothing left to wait for");
            // awaitEof fails on any byte after the server's Close: so there was no second Close frame.
            connection.awaitEof();
        } finally {
            server.close();
        }
        assertThatThrownBy(() -> WireClient.connect(address).close())
                .as("nothing listens after both calls").isInstanceOf(IOException.class);
    }
}
