package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.OriginPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2): reads the client's HTTP request and
 * answers it, with {@code 101 Switching Protocols}, the echo page, or a refusal that says why.
 *
 * <p>Pure: it takes the parsed request head and returns the response bytes; the socket is the
 * caller's business.
 */
public final class Handshake {

    /** §1.3: the fixed GUID the server appends to the client's key before hashing it. */
    static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Handshake() {
    }

    /** The server's answer: what to write to the socket; only a 101 is followed by frames. */
    public record Response(int status, byte[] bytes) {

        public boolean upgraded() {
            return status == 101;
        }
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for a client's {@code Sec-WebSocket-Key} (§4.2.2, step
     * 5.4): the base64 of the SHA-1 of the key followed by the GUID. The client checks it, so it
     * knows that it talks to a WebSocket server and not to a cache replaying an old response.
     */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /**
     * Answers one request: {@code GET /} gets the page, a valid upgrade on {@code /echo} gets 101,
     * anything else a refusal with a status and a one-line reason.
     */
    public static Response respond(HttpHead request, OriginPolicy origins) {
        try {
            String path = checkRequestLine(request);
            if (path.equals(EchoProtocol.PAGE_PATH)) {
                return page();
            }
            if (!path.equals(EchoProtocol.ECHO_PATH)) {
                return refusal(404, "no such path: " + path);
            }
            String key = checkUpgrade(request, origins);
            return switchingProtocols(key);
        } catch (HandshakeException e) {
            return refusal(e.status(), e.getMessage());
        }
    }

    /** §4.2.1 items 1–2: {@code GET}, HTTP/1.1 and a Host; returns the path without the query. */
    private static String checkRequestLine(HttpHead request) throws HandshakeException {
        String[] parts = request.startLine().split(" ", -1);
        if (parts.length != 3 || !parts[1].startsWith("/")) {
            throw new HandshakeException(400, "malformed request line: " + request.startLine());
        }
        if (!parts[2].equals("HTTP/1.1")) {
            throw new HandshakeException(400, "the WebSocket handshake needs HTTP/1.1, not " + parts[2]);
        }
        if (!parts[0].equals("GET")) {
            throw new HandshakeException(400, "the method must be GET, not " + parts[0]);
        }
        if (request.value("Host") == null) {
            throw new HandshakeException(400, "exactly one Host header is required");
        }
        int query = parts[1].indexOf('?');
        return query < 0 ? parts[1] : parts[1].substring(0, query);
    }

    /** §4.2.1 items 3–8 and the origin check of §10.2; returns the client's key. */
    private static String checkUpgrade(HttpHead request, OriginPolicy origins) throws HandshakeException {
        if (!request.hasToken("Upgrade", "websocket")) {
            throw new HandshakeException(426, "this is a WebSocket endpoint: send 'Upgrade: websocket'");
        }
        if (!request.hasToken("Connection", "upgrade")) {
            throw new HandshakeException(400, "'upgrade' token not found in the 'Connection' header");
        }
        String version = request.value("Sec-WebSocket-Version");
        if (!EchoProtocol.WEBSOCKET_VERSION.equals(version)) {
            throw new HandshakeException(426, "unsupported Sec-WebSocket-Version " + version + ", this server speaks 13");
        }
        String key = request.value("Sec-WebSocket-Key");
        if (!isValidKey(key)) {
            throw new HandshakeException(400, "Sec-WebSocket-Key must be the base64 of 16 bytes, was " + key);
        }
        if (!origins.allows(request.value("Origin"), request.value("Host"))) {
            throw new HandshakeException(403, "origin not allowed: " + request.value("Origin"));
        }
        return key;
    }

    /** §4.1: the key is a random 16-byte nonce, base64-encoded (24 characters). */
    private static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** §4.2.2 step 5: the 101 response; after its empty line, both sides speak frames. */
    static Response switchingProtocols(String key) {
        String head = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n"
                + "\r\n";
        return new Response(101, head.getBytes(StandardCharsets.US_ASCII));
    }

    /** The browser client page, then the connection ends. */
    static Response page() {
        return response(200, EchoPage.CONTENT_TYPE, EchoPage.html(), "");
    }

    /**
     * A refusal: the status, a one-line reason as the body, and {@code Connection: close}. A 426
     * names the version and protocol we speak, so the client can retry right (§4.2.2, §4.4).
     */
    public static Response refusal(int status, String reason) {
        String extra = status == 426 ? "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n" : "";
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        return response(status, "text/plain; charset=utf-8", body, extra);
    }

    private static Response response(int status, String contentType, byte[] body, String extraHeaders) {
        String head = "HTTP/1.1 " + status + " " + reasonPhrase(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + extraHeaders
                + "Connection: close\r\n"
                + "\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
        bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(body);
        return new Response(status, bytes.toByteArray());
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
