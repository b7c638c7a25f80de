package dev.sanfi.sockets.exercises.ch5;

import java.util.ArrayList;
import java.util.List;

/**
 * Chapter 5, exercise 1: seven upgrade requests to a plain Tyrus server (its standalone
 * {@code Server} and the echo endpoint, nothing else), and the status each gets, predicted from
 * what the chapter says Tyrus checks and what it takes on trust.
 */
public enum PlainTyrusAnswer {

    /** The RFC's sample request (§1.3, §4.1): Tyrus upgrades it, of course. */
    VALID("GET", "HTTP/1.1", List.of(Headers.KEY), 101),
    /** §4.2.1 item 1 asks for GET; Tyrus does not look at the method. */
    POST("POST", "HTTP/1.1", List.of(Headers.KEY), 101),
    /** §4.2.1 item 1 asks for HTTP/1.1 or higher; Tyrus does not look at the version either. */
    HTTP_1_0("GET", "HTTP/1.0", List.of(Headers.KEY), 101),
    /** §4.2.1 item 5: the key must decode to 16 bytes; this one is 10, and Tyrus takes it. */
    TEN_BYTE_KEY("GET", "HTTP/1.1", List.of("Sec-WebSocket-Key: dGhlIHNhbXBsZQ=="), 101),
    /** No key at all: Tyrus fails inside, a server error rather than the 400 of §4.2.1. */
    NO_KEY("GET", "HTTP/1.1", List.of(), 500),
    /** Version 8: refused with 426 and the version Tyrus speaks (§4.4) — one check Tyrus makes. */
    VERSION_8("GET", "HTTP/1.1", List.of(Headers.KEY, "Sec-WebSocket-Version: 8"), 426),
    /** A page of another site: nobody asked Tyrus to check the origin (§10.2), so it does not. */
    FOREIGN_ORIGIN("GET", "HTTP/1.1", List.of(Headers.KEY, "Origin: http://evil.example"), 101);

    private final String method;
    private final String version;
    private final List<String> headers;
    private final int predicted;

    PlainTyrusAnswer(String method, String version, List<String> headers, int predicted) {
        this.method = method;
        this.version = version;
        this.headers = headers;
        this.predicted = predicted;
    }

    /** The request's lines for a server reached as {@code host} ({@code 127.0.0.1:PORT}). */
    public String[] requestLines(String host) {
        List<String> lines = new ArrayList<>(List.of(method + " /echo " + version, "Host: " + host,
                "Upgrade: websocket", "Connection: Upgrade"));
        if (headers.stream().noneMatch(header -> header.startsWith("Sec-WebSocket-Version:"))) {
            lines.add("Sec-WebSocket-Version: 13");
        }
        lines.addAll(headers);
        return lines.toArray(String[]::new);
    }

    /** The status predicted for it. */
    public int predicted() {
        return predicted;
    }

    private static final class Headers {
        static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
    }
}
