package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.raw.deflate.DeflateNegotiation;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1): the upgrade request, and the checks
 * on the server's answer before any frame is sent.
 */
public final class ClientHandshake {

    private final String key;
    /** Whether the request offers permessage-deflate (RFC 7692). */
    private final boolean offersDeflate;

    /**
     * @param nonce 16 bytes, random for a real connection (§4.1 item 7): the key the server must
     *              prove it has read; tests pass fixed bytes such as the §1.3 sample
     */
    public ClientHandshake(byte[] nonce) {
        this(nonce, false);
    }

    /** A handshake that also offers permessage-deflate ({@link DeflateNegotiation#CLIENT_OFFER}) when {@code offersDeflate}. */
    public ClientHandshake(byte[] nonce, boolean offersDeflate) {
        if (nonce.length != 16) {
            throw new IllegalArgumentException("the nonce is 16 bytes (§4.1), not " + nonce.length);
        }
        this.key = Base64.getEncoder().encodeToString(nonce);
        this.offersDeflate = offersDeflate;
    }

    /** The {@code Sec-WebSocket-Key} this handshake sends. */
    public String key() {
        return key;
    }

    /** The upgrade request for {@code ws://} or {@code wss://} URI, for its path and query (§4.1). */
    public byte[] request(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String head = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader(uri) + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (offersDeflate ? "Sec-WebSocket-Extensions: " + DeflateNegotiation.CLIENT_OFFER + "\r\n" : "")
                + "\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /** §4.1 item 4: the host, and the port unless it is the scheme's default. */
    private static String hostHeader(URI uri) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        int defaultPort = secure ? 443 : 80;
        return uri.getPort() == -1 || uri.getPort() == defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /**
     * The checks of §4.1 on the server's response; the connection is open only if all pass.
     *
     * @return the permessage-deflate parameters the server agreed to, or null for none
     * @throws HandshakeException with the server's status when it refused, or 101 when the
     *                            response is a broken upgrade
     */
    public DeflateParameters verify(HttpHead response) throws HandshakeException {
        String[] statusLine = response.startLine().split(" ", 3);
        int status = statusLine.length >= 2 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : 0;
        if (status != 101) {
            throw new HandshakeException(status, "the server refused the upgrade: " + response.startLine());
        }
        if (!response.hasToken("Upgrade", "websocket")) {
            throw new HandshakeException(status, "the 101 response has no 'Upgrade: websocket'");
        }
        if (!response.hasToken("Connection", "upgrade")) {
            throw new HandshakeException(status, "the 101 response has no 'Connection: Upgrade'");
        }
        String accept = response.value("Sec-WebSocket-Accept");
        if (!Handshake.acceptKey(key).equals(accept)) {
            throw new HandshakeException(status, "wrong Sec-WebSocket-Accept: " + accept);
        }
        if (!response.values("Sec-WebSocket-Protocol").isEmpty()
                || !offersDeflate && !response.values("Sec-WebSocket-Extensions").isEmpty()) {
            throw new HandshakeException(status, "the server chose an extension or subprotocol we did not offer");
        }
        try {
            return DeflateNegotiation.readAnswer(response.values("Sec-WebSocket-Extensions"));
        } catch (IllegalArgumentException e) {
            throw new HandshakeException(status, e.getMessage());   // RFC 7692 §7: fail the connection
        }
    }
}
