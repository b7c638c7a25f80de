package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.raw.deflate.DeflateNegotiation;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

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

    /**
     * The server's answer: what to write to the socket; only a 101 is followed by frames.
     *
     * @param deflate the permessage-deflate parameters a 101 agreed to (RFC 7692), or null for none
     */
    public record Response(int status, byte[] bytes, DeflateParameters deflate) {

        public Response(int status, byte[] bytes) {
            this(status, bytes, null);
        }

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
     * anything else a refusal with a status and a one-line reason. Which answer is {@code common}'s
     * {@link RequestRules}, the same for every server of the course; this class turns it into bytes.
     */
    public static Response respond(HttpHead request, OriginPolicy origins) {
        String[] line = request.startLine().split(" ", -1);
        String path = line.length == 3 ? RequestRules.pathOf(line[1]) : null;
        if (path == null) {
            return refusal(400, "malformed request line: " + request.startLine());
        }
        RequestRules.Answer answer = RequestRules.decide(RequestRules.head(line[0], path, line[2], request::values), origins);
        if (answer instanceof RequestRules.Upgrade upgrade) {
            return switchingProtocols(upgrade.key());
        }
        if (answer instanceof RequestRules.Page page) {
            return page(page.withBody());
        }
        RequestRules.Refusal refusal = (RequestRules.Refusal) answer;
        return refusal(refusal);
    }

    /**
     * {@link #respond(HttpHead, OriginPolicy)} for a server that accepts permessage-deflate when
     * {@code deflate} is true (RFC 7692): a 101 then takes the first acceptable offer of the request
     * ({@link DeflateNegotiation}) and names it; with none acceptable, or without {@code deflate}, the
     * 101 names no extension and the connection is not compressed.
     */
    public static Response respond(HttpHead request, OriginPolicy origins, boolean deflate) {
        Response response = respond(request, origins);
        if (!deflate || !response.upgraded()) {
            return response;
        }
        DeflateParameters agreed = DeflateNegotiation.answer(request.values("Sec-WebSocket-Extensions")).accepted();
        return agreed == null ? response : switchingProtocols(request.value("Sec-WebSocket-Key"), agreed);
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

    /** The 101 with the extension it accepts (RFC 6455 §9.1): its element in {@code Sec-WebSocket-Extensions}. */
    static Response switchingProtocols(String key, DeflateParameters deflate) {
        String plain = new String(switchingProtocols(key).bytes(), StandardCharsets.US_ASCII);
        String head = plain.substring(0, plain.length() - 2)       // before the empty line that ends the head
                + "Sec-WebSocket-Extensions: " + deflate.headerValue() + "\r\n"
                + "\r\n";
        return new Response(101, head.getBytes(StandardCharsets.US_ASCII), deflate);
    }

    /** The browser client page (for {@code HEAD} only its head), then the connection ends. */
    static Response page(boolean withBody) {
        byte[] html = EchoPage.html();
        return response(200, EchoPage.CONTENT_TYPE, html.length, withBody ? html : new byte[0], "");
    }

    /** A refusal with nothing but a status and a one-line reason (a 431 for a head too large, say). */
    public static Response refusal(int status, String reason) {
        return refusal(new RequestRules.Refusal(status, reason, Map.of()));
    }

    /**
     * A refusal: the status, a one-line reason as the body, the header fields the status calls for
     * (a 426 names the protocol and version we speak, §4.2.2, §4.4), and {@code Connection: close}.
     */
    static Response refusal(RequestRules.Refusal refusal) {
        StringBuilder extra = new StringBuilder();
        refusal.headers().forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        return response(refusal.status(), RequestRules.REFUSAL_CONTENT_TYPE, body.length, body, extra.toString());
    }

    private static Response response(int status, String contentType, int contentLength, byte[] body, String extraHeaders) {
        String head = "HTTP/1.1 " + status + " " + RequestRules.phrase(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + extraHeaders
                + "Connection: close\r\n"
                + "\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
        bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(body);
        return new Response(status, bytes.toByteArray());
    }
}
