package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.ServerSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the server answers before any WebSocket frame: the 101, and each refusal of RFC 6455
 * §4.2.1–§4.2.2 that {@code UpgradeRequestCheck}, {@code EchoCreator} and {@code PageHandler} add
 * to Jetty.
 */
class HandshakeTest {

    private static JettyEchoServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String answer(String request) throws Exception {
        try (WireConnection connection = WireConnection.open(port, Duration.ofSeconds(10))) {
            return connection.request(request);
        }
    }

    @Test
    void upgradesWithTheAcceptKeyOfRfc6455Section1_3() throws Exception {
        String head = answer(WireConnection.upgradeRequest(port, ""));
        assertThat(head).startsWith("HTTP/1.1 101 ")
                .containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }

    @Test
    void refusesAnUpgradeThatIsNotGet() throws Exception {
        assertThat(answer(WireConnection.upgradeRequest(port, "Content-Length: 0\r\n").replaceFirst("GET", "POST")))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void refusesHttp10() throws Exception {
        assertThat(answer(WireConnection.upgradeRequest(port, "").replaceFirst("HTTP/1.1", "HTTP/1.0")))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void refusesAMissingKey() throws Exception {
        String request = WireConnection.upgradeRequest(port, "").replace("Sec-WebSocket-Key: " + WireConnection.SAMPLE_KEY + "\r\n", "");
        assertThat(answer(request)).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void refusesAKeyThatIsNotSixteenBytes() throws Exception {
        String request = WireConnection.upgradeRequest(port, "").replace(WireConnection.SAMPLE_KEY, "c2hvcnQ=");
        assertThat(answer(request)).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void namesVersion13WhenAskedForAnother() throws Exception {
        String request = WireConnection.upgradeRequest(port, "").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        assertThat(answer(request)).startsWith("HTTP/1.1 426 ").containsIgnoringCase("Sec-WebSocket-Version: 13");
    }

    @Test
    void answers426ToAPlainRequestForTheEndpoint() throws Exception {
        assertThat(answer("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                .startsWith("HTTP/1.1 426 ").containsIgnoringCase("Upgrade: websocket");
    }

    @Test
    void refusesAForeignOrigin() throws Exception {
        assertThat(answer(WireConnection.upgradeRequest(port, "Origin: http://evil.example\r\n")))
                .startsWith("HTTP/1.1 403 ");
    }

    @Test
    void acceptsItsOwnOrigin() throws Exception {
        assertThat(answer(WireConnection.upgradeRequest(port, "Origin: http://127.0.0.1:" + port + "\r\n")))
                .startsWith("HTTP/1.1 101 ");
    }

    @Test
    void servesThePageAtTheRoot() throws Exception {
        try (WireConnection connection = WireConnection.open(port, Duration.ofSeconds(10))) {
            String head = connection.request("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Content-Type: text/html; charset=utf-8");
            assertThat(connection.readBody(EchoPage.html().length)).isEqualTo(EchoPage.html());
        }
    }

    @Test
    void answers404ElsewhereEvenToAnUpgrade() throws Exception {
        assertThat(answer("GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(answer(WireConnection.upgradeRequest(port, "").replace("/echo", "/other"))).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void refusesARequestHeadOver8KiB() throws Exception {
        String big = "X-Filler: " + "a".repeat(9 * 1024) + "\r\n";
        assertThat(answer(WireConnection.upgradeRequest(port, big))).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void closesAConnectionThatTricklesItsRequestPastTheHandshakeTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(800);
        try (JettyEchoServer slow = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withHandshakeTimeout(timeout));
                WireConnection connection = WireConnection.open(slow.port(), Duration.ofMillis(200))) {
            byte[] head = WireConnection.upgradeRequest(slow.port(), "X-Slow: " + "z".repeat(200) + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            long started = System.nanoTime();
            boolean closed = false;
            // One byte per 200 ms: never silent for the idle timeout, but 60 s for the whole head.
            for (int i = 0; i < head.length && !closed; i++) {
                try {
                    connection.sendRaw(new byte[] {head[i]});
                    closed = connection.closedByServer();
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing to read yet: the server is still waiting for the rest
                } catch (java.io.IOException writeRefused) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed before the head was complete").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(timeout.multipliedBy(5));
        }
    }
}
