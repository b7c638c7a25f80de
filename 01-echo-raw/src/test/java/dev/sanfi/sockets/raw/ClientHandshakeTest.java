package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientHandshakeTest {

    /** §1.3: the sample nonce whose base64 is dGhlIHNhbXBsZSBub25jZQ==. */
    private final ClientHandshake handshake = new ClientHandshake(ascii("the sample nonce"));

    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "\r\n";

    @Test
    @DisplayName("§4.1: the request for ws://server.example.com/chat, byte for byte")
    void request() {
        assertThat(handshake.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(new String(handshake.request(URI.create("ws://server.example.com/chat")), StandardCharsets.US_ASCII))
                .isEqualTo("GET /chat HTTP/1.1\r\n"
                        + "Host: server.example.com\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n"
                        + "\r\n");
    }

    @Test
    @DisplayName("any path and query; the port unless it is the default; / for no path")
    void targets() {
        assertThat(requestLines("ws://localhost:8081/echo?room=1")).startsWith("GET /echo?room=1 HTTP/1.1\r\nHost: localhost:8081\r\n");
        assertThat(requestLines("wss://example.com:443")).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n");
        assertThat(requestLines("ws://[::1]:9000/")).startsWith("GET / HTTP/1.1\r\nHost: [::1]:9000\r\n");
    }

    @Test
    @DisplayName("RFC 7692: with deflate the request offers permessage-deflate; client_max_window_bits, and the answer is read")
    void deflate() throws HandshakeException {
        ClientHandshake offering = new ClientHandshake(ascii("the sample nonce"), true);
        assertThat(new String(offering.request(URI.create("ws://server.example.com/chat")), StandardCharsets.US_ASCII))
                .endsWith("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
        assertThat(offering.verify(HttpHead.parse(ascii(RESPONSE)))).as("declined: not compressed").isNull();
        assertThat(offering.verify(HttpHead.parse(ascii(RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n")))).serverNoContextTakeover())
                .isTrue();
        assertThatThrownBy(() -> offering.verify(HttpHead.parse(ascii(RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16\r\n\r\n")))))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("RFC 7692 §7");
        assertThat(new String(handshake.request(URI.create("ws://h/")), StandardCharsets.US_ASCII)).doesNotContain("Extensions");
    }

    @Test
    @DisplayName("§4.1: the §1.3 response is accepted")
    void acceptsRightResponse() {
        assertThatCode(() -> handshake.verify(HttpHead.parse(ascii(RESPONSE)))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("§4.1: a refusal, a wrong accept key, or a missing Upgrade fail the handshake")
    void rejectsWrongResponses() {
        assertThatThrownBy(() -> handshake.verify(HttpHead.parse(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))))
                .isInstanceOfSatisfying(HandshakeException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> handshake.verify(HttpHead.parse(ascii(RESPONSE.replace("s3pP", "xxxx")))))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("Accept");
        assertThatThrownBy(() -> handshake.verify(HttpHead.parse(ascii(RESPONSE.replace("Upgrade: websocket\r\n", "")))))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("Upgrade");
        assertThatThrownBy(() -> handshake.verify(HttpHead.parse(ascii(RESPONSE.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: x\r\n\r\n")))))
                .isInstanceOf(HandshakeException.class);
    }

    private String requestLines(String uri) {
        return new String(handshake.request(URI.create(uri)), StandardCharsets.US_ASCII);
    }
}
