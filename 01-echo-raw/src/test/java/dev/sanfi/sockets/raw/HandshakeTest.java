package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.OriginPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    /** The client's request of RFC 6455 §1.2, on this server's path and without a subprotocol. */
    private static final String UPGRADE = "GET /echo HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    private static Handshake.Response respond(String request) throws HandshakeException {
        return Handshake.respond(HttpHead.parse(ascii(request)), OriginPolicy.sameOrigin());
    }

    private static String text(Handshake.Response response) {
        return new String(response.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("§1.3: the accept key of the sample nonce")
    void acceptKey() {
        assertThat(Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    @DisplayName("§4.2.2: a valid upgrade gets 101, byte for byte")
    void switchingProtocols() throws HandshakeException {
        Handshake.Response response = respond(UPGRADE);
        assertThat(response.upgraded()).isTrue();
        assertThat(text(response)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "\r\n");
    }

    @Test
    @DisplayName("RFC 7692 §7: with deflate, a 101 names the offer it accepts; without, it names none, offer or not")
    void deflateIsAnswered() throws HandshakeException {
        String offering = UPGRADE.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: x-foo, permessage-deflate; "
                + "server_max_window_bits=10\r\nSec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n\r\n");
        Handshake.Response accepted = Handshake.respond(HttpHead.parse(ascii(offering)), OriginPolicy.sameOrigin(), true);
        assertThat(text(accepted)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n"
                + "\r\n");
        assertThat(accepted.deflate()).isEqualTo(new dev.sanfi.sockets.raw.deflate.DeflateParameters(false, true, 0, 0));
        Handshake.Response off = Handshake.respond(HttpHead.parse(ascii(offering)), OriginPolicy.sameOrigin(), false);
        assertThat(text(off)).doesNotContain("Extensions");
        assertThat(off.deflate()).isNull();
        Handshake.Response none = Handshake.respond(HttpHead.parse(ascii(UPGRADE)), OriginPolicy.sameOrigin(), true);
        assertThat(text(none)).as("nothing offered, nothing answered").doesNotContain("Extensions");
    }

    @Test
    @DisplayName("header names and tokens are case-insensitive, and tokens may be in comma lists")
    void tokens() throws HandshakeException {
        String request = UPGRADE.replace("Upgrade: websocket", "UPGRADE: WebSocket")
                .replace("Connection: Upgrade", "connection: keep-alive, upgrade")
                .replace("?", "");
        assertThat(respond(request).status()).isEqualTo(101);
    }

    @Test
    @DisplayName("a query string does not change the path")
    void query() throws HandshakeException {
        assertThat(respond(UPGRADE.replace("GET /echo ", "GET /echo?x=1 ")).status()).isEqualTo(101);
    }

    @Test
    @DisplayName("§4.2.1: 400 for a missing or bad key, a method other than GET, HTTP/1.0, no Host")
    void badRequests() throws HandshakeException {
        assertRefused(UPGRADE.replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""), 400, "Sec-WebSocket-Key");
        assertRefused(UPGRADE.replace("dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZQ=="), 400, "Sec-WebSocket-Key");
        assertRefused(UPGRADE.replace("dGhlIHNhbXBsZSBub25jZQ==", "not base64 at all!!!!!!!"), 400, "Sec-WebSocket-Key");
        assertRefused(UPGRADE.replace("GET ", "POST "), 400, "GET");
        assertRefused(UPGRADE.replace("HTTP/1.1", "HTTP/1.0"), 400, "HTTP/1.1");
        assertRefused(UPGRADE.replace("Host: server.example.com\r\n", ""), 400, "Host");
        assertRefused(UPGRADE.replace("Connection: Upgrade", "Connection: keep-alive"), 400, "Connection");
    }

    @Test
    @DisplayName("§4.4: another version gets 426 and the version we speak")
    void otherVersion() throws HandshakeException {
        Handshake.Response response = assertRefused(UPGRADE.replace("Version: 13", "Version: 8"), 426, "13");
        assertThat(text(response)).contains("\r\nSec-WebSocket-Version: 13\r\n");
    }

    @Test
    @DisplayName("GET /echo that is not an upgrade gets 426")
    void notAnUpgrade() throws HandshakeException {
        assertRefused("GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n", 426, "Upgrade");
    }

    @Test
    @DisplayName("§10.2: a foreign Origin gets 403; no Origin and the server's own origin are fine")
    void origins() throws HandshakeException {
        String withOrigin = UPGRADE.replace("Host: server.example.com\r\n", "Host: server.example.com\r\nOrigin: %s\r\n");
        assertRefused(withOrigin.formatted("http://evil.example"), 403, "origin");
        assertThat(respond(withOrigin.formatted("http://server.example.com")).status()).isEqualTo(101);
        assertThat(Handshake.respond(HttpHead.parse(ascii(withOrigin.formatted("http://evil.example"))),
                OriginPolicy.allowing(List.of("http://evil.example"))).status()).isEqualTo(101);
    }

    @Test
    @DisplayName("GET / serves the page; any other path is 404")
    void pageAndOtherPaths() throws HandshakeException {
        Handshake.Response page = respond("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page)).startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + EchoPage.html().length + "\r\nConnection: close\r\n\r\n");
        assertRefused(UPGRADE.replace("GET /echo ", "GET /chat "), 404, "/chat");
    }

    @Test
    @DisplayName("a refusal: status, one-line reason as the body, Content-Length, Connection: close")
    void refusalShape() {
        String text = text(Handshake.refusal(400, "bad"));
        assertThat(text).isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 4\r\nConnection: close\r\n\r\nbad\n");
    }

    @Test
    @DisplayName("the head ends at the first empty line; malformed header lines are 400, a head over 8 KiB 431")
    void head() {
        byte[] bytes = ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\nextra");
        assertThat(HttpHead.endOf(bytes, bytes.length)).isEqualTo(bytes.length - 5);
        assertThat(HttpHead.endOf(bytes, 20)).isEqualTo(-1);
        assertThatThrownBy(() -> HttpHead.parse(ascii("GET / HTTP/1.1\r\nHost a\r\n\r\n")))
                .isInstanceOfSatisfying(HandshakeException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> HttpHead.parse(ascii("GET / HTTP/1.1\r\nHost : a\r\n\r\n")))
                .isInstanceOf(HandshakeException.class);
        String huge = "GET / HTTP/1.1\r\nHost: a\r\nX-Padding: " + "x".repeat(8192) + "\r\n\r\n";
        assertThatThrownBy(() -> HttpHead.parse(ascii(huge)))
                .isInstanceOfSatisfying(HandshakeException.class, e -> assertThat(e.status()).isEqualTo(431));
    }

    private static Handshake.Response assertRefused(String request, int status, String reasonMentions) throws HandshakeException {
        Handshake.Response response = respond(request);
        assertThat(response.status()).as(request).isEqualTo(status);
        assertThat(response.upgraded()).isFalse();
        String text = text(response);
        assertThat(text).contains("\r\nConnection: close\r\n");
        assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).contains(reasonMentions).endsWith("\n");
        return response;
    }
}
