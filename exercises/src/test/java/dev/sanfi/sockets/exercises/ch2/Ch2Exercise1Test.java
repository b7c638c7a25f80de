package dev.sanfi.sockets.exercises.ch2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.HttpHead;
import dev.sanfi.sockets.raw.RawEchoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 2, exercise 1: the handshake from a bare socket, and a prediction of every refusal of the
 * chapter's curl commands.
 */
class Ch2Exercise1Test {

    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";

    private RawEchoServer server;
    private InetSocketAddress address;

    @BeforeEach
    void startServer() throws IOException {
        server = RawEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        address = new InetSocketAddress("127.0.0.1", server.port());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpHead upgrade(String path, String... moreLines) throws IOException {
        String[] lines = new String[5 + moreLines.length];
        lines[0] = "GET " + path + " HTTP/1.1";
        lines[1] = "Host: " + address.getHostString() + ":" + address.getPort();
        lines[2] = "Upgrade: websocket";
        lines[3] = "Connection: Upgrade";
        lines[4] = "Sec-WebSocket-Version: 13";
        System.arraycopy(moreLines, 0, lines, 5, moreLines.length);
        return BareHandshake.send(address, lines);
    }

    @Test
    @DisplayName("the RFC's sample request gets 101 and the RFC's accept key")
    void theRfcsExample() throws IOException {
        HttpHead answer = upgrade("/echo", KEY);
        assertThat(BareHandshake.status(answer)).isEqualTo(101);
        assertThat(answer.value("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(answer.hasToken("Connection", "upgrade")).isTrue();
    }

    @Test
    @DisplayName("each refusal of the chapter, predicted: 426, 404, 426 + version, 400, 403")
    void theRefusals() throws IOException {
        String host = "Host: " + address.getHostString() + ":" + address.getPort();
        assertThat(BareHandshake.status(BareHandshake.send(address, "GET /echo HTTP/1.1", host))).isEqualTo(426);
        assertThat(BareHandshake.status(upgrade("/nowhere", KEY))).isEqualTo(404);

        HttpHead version8 = BareHandshake.send(address, "GET /echo HTTP/1.1", host, "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Version: 8", KEY);
        assertThat(BareHandshake.status(version8)).isEqualTo(426);
        assertThat(version8.value("Sec-WebSocket-Version")).isEqualTo("13");

        assertThat(BareHandshake.status(upgrade("/echo", "Sec-WebSocket-Key: short"))).isEqualTo(400);
        assertThat(BareHandshake.status(upgrade("/echo", KEY, "Origin: http://evil.example"))).isEqualTo(403);
    }
}
