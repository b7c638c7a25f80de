package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code guard.Keepalive}: Jetty pings nobody by itself, and its own idle timeout counts our pings as
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
        try (JettyEchoServer server = start(); WireClient connection = WireClient.connect(server)) {
            // Before the upgrade request: the server's clock cannot start earlier than this.
            long opened = System.nanoTime();
            connection.upgrade(connection.upgradeRequest());
            Frame ping = connection.readFrame();
            assertThat(ping.opcode()).isEqualTo(Frame.PING);
            Frame close = connection.readFrame(); // no Pong from us: a dead peer
            assertThat(close.opcode()).isEqualTo(Frame.CLOSE);
            assertThat(Close.parse(close.payload()).code()).isEqualTo(1001);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
            connection.awaitEof();
        }
    }

    @Test
    void aPeerThatAnswersPingsStaysOpenPastTheIdleTimeout() throws Exception {
        try (JettyEchoServer server = start(); WireClient connection = WireClient.open(server)) {
            long opened = System.nanoTime();
            while (System.nanoTime() - opened < IDLE_TIMEOUT.multipliedBy(2).toNanos()) {
                Frame ping = connection.readFrame();
                assertThat(ping.opcode()).as("the server must only ping, not close").isEqualTo(Frame.PING);
                connection.send(Frame.pong(ping.payload()));
            }
            connection.send(Frame.text("alive"));
            Frame echo = connection.readFrame();
            while (echo.opcode() == Frame.PING) {
                echo = connection.readFrame();
            }
            assertThat(echo.text()).isEqualTo("alive");
        }
    }

    /**
     * Jetty hands an empty fragment that is not the last to no listener at all; Keepalive counts the
     * frames the connection parsed, so even those are life.
     */
    @Test
    void emptyFragmentsAloneKeepThePeerOpen() throws Exception {
        try (JettyEchoServer server = start(); WireClient connection = WireClient.open(server)) {
            long end = System.nanoTime() + IDLE_TIMEOUT.multipliedBy(2).toNanos();
            connection.send(Frame.binary(new byte[0]).notFinal());
            while (System.nanoTime() < end) {
                Optional<Frame> frame = connection.pollFrame(IDLE_TIMEOUT.dividedBy(5));
                frame.ifPresent(seen -> assertThat(seen.opcode()).as("only pinged, never closed").isEqualTo(Frame.PING));
                connection.send(Frame.continuation(new byte[0]).notFinal());
            }
            connection.send(Frame.continuation(new byte[] {42}));
            Frame echo = connection.readFrame();
            while (echo.opcode() == Frame.PING) {
                echo = connection.readFrame();
            }
            assertThat(echo.opcode()).isEqualTo(Frame.BINARY);
            assertThat(echo.payload()).containsExactly(42);
        }
    }
}
