package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The traps issue 3 lists for Tyrus's own {@code Server}, each checked against this module's server:
 * where it listens, and that every refusal is a complete HTTP answer followed by a closed socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TyrusTrapsTest {

    private static final Duration EOF_TIMEOUT = Duration.ofSeconds(5);

    private JakartaEchoServer server;

    @BeforeAll
    void startServer() throws IOException {
        server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @AfterAll
    void closeServer() {
        server.close();
    }

    @Test
    @DisplayName("port 0 means a free port, read back after binding (Tyrus's Server would take 8025)")
    void portZeroIsAFreePort() {
        assertThat(server.port()).isPositive().isNotEqualTo(8025);
        assertThat(server.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    @DisplayName("the server listens only on --host (Tyrus's Server binds 0.0.0.0): 127.0.0.2 is refused")
    void listensOnlyOnTheGivenHost() throws IOException {
        // On Linux all of 127.0.0.0/8 is loopback: a server bound to 0.0.0.0 would answer here.
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.2"), server.port()), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    @DisplayName("403 for a foreign Origin is complete (Content-Length) and the socket is closed after it")
    void forbiddenOriginIsAnsweredCompletelyAndClosed() throws IOException {
        assertCompleteRefusal(request -> request.withHeader("Origin", "http://evil.example"), 403);
    }

    @Test
    @DisplayName("426 for another version is complete and the socket is closed after it")
    void otherVersionIsAnsweredCompletelyAndClosed() throws IOException {
        HttpResponse response = assertCompleteRefusal(request -> request.withHeader("Sec-WebSocket-Version", "8"), 426);
        assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
    }

    @Test
    @DisplayName("400 for a bad key is complete and the socket is closed after it")
    void badKeyIsAnsweredCompletelyAndClosed() throws IOException {
        assertCompleteRefusal(request -> request.withHeader("Sec-WebSocket-Key", "c2hvcnQ="), 400);
    }

    @Test
    @DisplayName("a plain GET /echo gets 426 naming websocket, and the socket is closed after it")
    void plainGetOfEchoIsAnsweredAndClosed() throws IOException {
        try (WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.exchange(HandshakeRequest.get("/echo", client.host()));
            assertThat(response.status()).isEqualTo(426);
            assertThat(response.header("Upgrade")).isEqualTo("websocket");
            client.awaitEof(EOF_TIMEOUT);
        }
    }

    @Test
    @DisplayName("GET / serves the page from memory: the exact bytes of EchoPage, no directory involved")
    void pageIsServedFromMemory() throws IOException {
        try (WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.exchange(HandshakeRequest.get("/", client.host()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo(EchoPage.CONTENT_TYPE);
            assertThat(response.body()).isEqualTo(EchoPage.html());
        }
    }

    private HttpResponse assertCompleteRefusal(
            java.util.function.UnaryOperator<HandshakeRequest> change, int status) throws IOException {
        try (WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.exchange(change.apply(client.upgradeRequest()));
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length));
            assertThat(response.header("Content-Type")).startsWith("text/plain");
            assertThat(response.bodyText()).isNotBlank();
            client.awaitEof(EOF_TIMEOUT);
            return response;
        }
    }
}
