package dev.sanfi.sockets.raw;

import java.io.IOException;

/**
 * An opening handshake that cannot go on (RFC 6455 §4), with the HTTP status that says why.
 *
 * <p>On the server it becomes the refusal it sends ({@code 400 Bad Request}, {@code 426 Upgrade
 * Required}, ...); on the client it is the server's refusal, or a 101 response that is not right.
 * An {@link IOException}, as the JDK's own {@code java.net.http.WebSocketHandshakeException} is:
 * to the caller of a connect, a refused handshake is one more way the connection did not come about.
 */
public final class HandshakeException extends IOException {

    private final int status;

    public HandshakeException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The HTTP status: the one to send (server) or the one received (client). */
    public int status() {
        return status;
    }
}
