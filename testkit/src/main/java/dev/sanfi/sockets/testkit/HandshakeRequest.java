package dev.sanfi.sockets.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/1.1 request head, written exactly as given, so that the contract can send both the valid
 * opening handshake of RFC 6455 §4.1 and every way of getting it wrong.
 *
 * <p>Immutable: each {@code withX} returns a copy. Header names keep their spelling and order;
 * {@link #withHeader} replaces a header of the same name (compared ignoring case).
 */
public final class HandshakeRequest {

    /** The sample nonce of RFC 6455 §1.3 and §4.2.2: a fixed key makes the expected accept fixed. */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** RFC 6455 §1.3: the {@code Sec-WebSocket-Accept} a server must answer {@link #SAMPLE_KEY} with. */
    public static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final String method;
    private final String target;
    private final String httpVersion;
    private final List<Map.Entry<String, String>> headers;

    private HandshakeRequest(String method, String target, String httpVersion, List<Map.Entry<String, String>> headers) {
        this.method = method;
        this.target = target;
        this.httpVersion = httpVersion;
        this.headers = List.copyOf(headers);
    }

    /** A plain {@code GET} with only a {@code Host} header: not an upgrade. */
    public static HandshakeRequest get(String target, String host) {
        return new HandshakeRequest("GET", target, "HTTP/1.1", List.of(Map.entry("Host", host)));
    }

    /** The valid opening handshake of RFC 6455 §4.1 for {@code /echo}, with {@link #SAMPLE_KEY}. */
    public static HandshakeRequest upgrade(String host) {
        return get("/echo", host)
                .withHeader("Upgrade", "websocket")
                .withHeader("Connection", "Upgrade")
                .withHeader("Sec-WebSocket-Key", SAMPLE_KEY)
                .withHeader("Sec-WebSocket-Version", "13");
    }

    public HandshakeRequest withMethod(String newMethod) {
        return new HandshakeRequest(newMethod, target, httpVersion, headers);
    }

    public HandshakeRequest withTarget(String newTarget) {
        return new HandshakeRequest(method, newTarget, httpVersion, headers);
    }

    public HandshakeRequest withHttpVersion(String newVersion) {
        return new HandshakeRequest(method, target, newVersion, headers);
    }

    /** Sets a header, replacing one of the same name. */
    public HandshakeRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        int at = indexOf(name);
        if (at >= 0) {
            copy.set(at, Map.entry(name, value));
        } else {
            copy.add(Map.entry(name, value));
        }
        return new HandshakeRequest(method, target, httpVersion, copy);
    }

    /** Adds a header line, also when one of the same name is there already (a list split over lines). */
    public HandshakeRequest withAddedHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return new HandshakeRequest(method, target, httpVersion, copy);
    }

    public HandshakeRequest withoutHeader(String name) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        int at = indexOf(name);
        if (at >= 0) {
            copy.remove(at);
        }
        return new HandshakeRequest(method, target, httpVersion, copy);
    }

    /** The value of a header (name ignoring case), or null. */
    public String header(String name) {
        int at = indexOf(name);
        return at >= 0 ? headers.get(at).getValue() : null;
    }

    /** The head as text: request line, header lines, and the empty line that ends it (CRLF each). */
    public String text() {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(' ').append(httpVersion).append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    public byte[] toBytes() {
        return text().getBytes(StandardCharsets.ISO_8859_1);
    }

    private int indexOf(String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getKey().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return text();
    }
}
