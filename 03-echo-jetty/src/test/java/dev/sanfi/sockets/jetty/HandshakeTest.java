package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the server answers before any WebSocket frame: the 101, and each refusal of RFC 6455
 * §4.2.1–§4.2.2 that {@code guard.RequestCheck} and {@code PageHandler} (both asking common's RequestRules) add
 * to Jetty.
 */
class HandshakeTest {

    private static JettyEchoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Sends the valid upgrade request to {@code /echo}, altered as the test says, and reads the
     * answer, which is HTTP/1.1 whatever was asked.
     */
    private static HttpResponse answer(UnaryOperator<HandshakeRequest> alter) throws Exception {
        try (WireClient connection = WireClient.connect(server)) {
            return http11(connection.exchange(alter.apply(connection.upgradeRequest())));
        }
    }

    /** Sends a plain GET (not an upgrade) with {@code Host: 127.0.0.1} and reads the answer. */
    private static HttpResponse get(String target) throws Exception {
        try (WireClient connection = WireClient.connect(server)) {
            return http11(connection.exchange(HandshakeRequest.get(target, "127.0.0.1")));
        }
    }

    private static HttpResponse http11(HttpResponse response) {
        assertThat(response.httpVersion()).as(response.toString()).isEqualTo("HTTP/1.1");
        return response;
    }

    @Test
    void upgradesWithTheAcceptKeyOfRfc6455Section1_3() throws Exception {
        HttpResponse response = answer(request -> request);
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("Sec-WebSocket-Accept")).isEqualTo(HandshakeRequest.SAMPLE_ACCEPT)
                .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(response.header("Sec-WebSocket-Extensions")).isNull();
    }

    @Test
    void refusesAnUpgradeThatIsNotGet() throws Exception {
        assertThat(answer(request -> request.withMethod("POST").withHeader("Content-Length", "0")).status()).isEqualTo(400);
    }

    @Test
    void refusesHttp10() throws Exception {
        assertThat(answer(request -> request.withHttpVersion("HTTP/1.0")).status()).isEqualTo(400);
    }

    @Test
    void refusesAMissingKey() throws Exception {
        assertThat(answer(request -> request.withoutHeader("Sec-WebSocket-Key")).status()).isEqualTo(400);
    }

    @Test
    void refusesAKeyThatIsNotSixteenBytes() throws Exception {
        assertThat(answer(request -> request.withHeader("Sec-WebSocket-Key", "c2hvcnQ=")).status()).isEqualTo(400);
    }

    @Test
    void namesVersion13WhenAskedForAnother() throws Exception {
        HttpResponse response = answer(request -> request.withHeader("Sec-WebSocket-Version", "8"));
        assertThat(response.status()).isEqualTo(426);
        assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
    }

    @Test
    void answers426ToAPlainRequestForTheEndpoint() throws Exception {
        HttpResponse response = get("/echo");
        assertThat(response.status()).isEqualTo(426);
        assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
    }

    @Test
    void refusesAForeignOrigin() throws Exception {
        assertThat(answer(request -> request.withHeader("Origin", "http://evil.example")).status()).isEqualTo(403);
    }

    @Test
    void acceptsItsOwnOrigin() throws Exception {
        try (WireClient connection = WireClient.connect(server)) {
            // upgrade() fails on anything but a valid 101; the echo shows the session is really open.
            assertThat(connection.upgrade(connection.upgradeRequest().withHeader("Origin", "http://" + connection.host()))
                    .status()).isEqualTo(101);
            connection.send(Frame.text("same origin"));
            assertThat(connection.readMessage().text()).isEqualTo("same origin");
        }
    }

    @Test
    void servesThePageAtTheRoot() throws Exception {
        HttpResponse page = get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualToIgnoringCase("text/html; charset=utf-8");
        assertThat(page.body()).isEqualTo(EchoPage.html());
    }

    @Test
    void answers404ElsewhereEvenToAnUpgrade() throws Exception {
        assertThat(get("/nothing").status()).isEqualTo(404);
        assertThat(answer(request -> request.withTarget("/other")).status()).isEqualTo(404);
    }

    @Test
    void refusesARequestHeadOver8KiB() throws Exception {
        assertThat(answer(request -> request.withHeader("X-Filler", "a".repeat(9 * 1024))).status()).isEqualTo(431);
    }

    @Test
    void closesAConnectionThatTricklesItsRequestPastTheHandshakeTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(800);
        try (JettyEchoServer slow = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withHandshakeTimeout(timeout));
                WireClient connection = WireClient.connect(slow)) {
            byte[] head = connection.upgradeRequest().withHeader("X-Slow", "z".repeat(200)).toBytes();
            long started = System.nanoTime();
            boolean closed = false;
            // One byte per 200 ms: never silent for the idle timeout, but 60 s for the whole head.
            for (int i = 0; i < head.length && !closed; i++) {
                try {
                    connection.sendRaw(new byte[] {head[i]});
                    closed = connection.closesWithin(Duration.ofMillis(200));
                } catch (IOException writeRefused) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed before the head was complete").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(timeout.multipliedBy(5));
        }
    }
}
