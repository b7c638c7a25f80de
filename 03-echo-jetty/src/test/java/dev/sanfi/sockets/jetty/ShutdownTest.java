package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code JettyEchoServer.close()}: Close 1001 to every open session before Jetty stops. */
class ShutdownTest {

    @Test
    void sendsGoingAwayToEveryOpenSession() throws Exception {
        JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        int port = server.port();
        try (WireConnection first = WireConnection.upgraded(port); WireConnection second = WireConnection.upgraded(port)) {
            server.close();
            for (WireConnection connection : new WireConnection[] {first, second}) {
                WireConnection.Frame close = connection.readFrame();
                assertThat(close.opcode()).isEqualTo(WireConnection.CLOSE);
                assertThat(close.closeCode()).isEqualTo(1001);
                assertThat(connection.closedByServer()).isTrue();
            }
        } finally {
            server.close();
        }
        assertThatThrownBy(() -> WireConnection.open(port, Duration.ofSeconds(1)).close())
                .as("nothing listens after close()").isInstanceOf(IOException.class);
    }

    @Test
    void closeIsIdempotent() throws Exception {
        JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        server.close();
        server.close();
    }
}
