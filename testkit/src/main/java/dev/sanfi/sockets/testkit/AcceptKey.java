package dev.sanfi.sockets.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Accept} value a server must answer a {@code Sec-WebSocket-Key} with
 * (RFC 6455 §4.2.2, step 5.4): base64(SHA-1(key + the protocol's GUID)). It proves the server read
 * this very handshake, not that it speaks WebSocket securely.
 */
public final class AcceptKey {

    /** RFC 6455 §1.3: the GUID every WebSocket server appends to the client's key. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private AcceptKey() {
    }

    public static String of(String secWebSocketKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((secWebSocketKey + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
