package dev.sanfi.sockets.jetty;

import static dev.sanfi.sockets.jetty.WireConnection.CLOSE;
import static dev.sanfi.sockets.jetty.WireConnection.PING;
import static dev.sanfi.sockets.jetty.WireConnection.PONG;
import static dev.sanfi.sockets.jetty.WireConnection.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code Heartbeat}: Jetty pings nobody by itself, and its own idle timeout counts our pings as
 * activity. These tests run with short timers; each waits for an event, never for a fixed time.
 */
class KeepaliveTest {

    private static final Duration PING_INTERVAL = Duration.ofMillis(300);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1200);

    private static JettyEchoServer start() throws Exception {
        return JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withPingInterval(PING_INTERVAL).withIdleTimeout(IDLE_TIMEOUT));
    }

    @Test
    void pingsASilentPeerThenClosesWith1001() throws Exception {
        try (JettyEchoServer server = start(); WireConnection connection = WireConnection.upgraded(server.port())) {
            long opened = System.nanoTime();
            WireConnection.Frame ping = connection.readFrame();
            assertThat(ping.opcode()).isEqualTo(PING);
            WireConnection.Frame close = connection.readFrame(); // no Pong from us: a dead peer
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aPeerThatAnswersPingsStaysOpenPastTheIdleTimeout() throws Exception {
        try (JettyEchoServer server = start(); WireConnection connection = WireConnection.upgraded(server.port())) {
            long opened = System.nanoTime();
            while (System.nanoTime() - opened < IDLE_TIMEOUT.multipliedBy(2).toNanos()) {
                WireConnection.Frame ping = connection.readFrame();
                assertThat(ping.opcode()).as("the server must only ping, not close").isEqualTo(PING);
                connection.sendFrame(PONG, ping.payload());
            }
            connection.sendFrame(TEXT, "alive".getBytes(StandardCharsets.UTF_8));
            WireConnection.Frame echo = connection.readFrame();
            while (echo.opcode() == PING) {
                echo = connection.readFrame();
            }
            assertThat(echo.text()).isEqualTo("alive");
        }
    }
}
