package dev.sanfi.sockets.common;

import java.time.Duration;

/**
 * The limits and timers every echo server applies, with the same defaults in every module.
 *
 * <p>A WebSocket server that trusts its peers can be made to buffer without end or to keep dead
 * connections forever; each constant below closes one such door.
 */
public final class Limits {

    /** A message (one frame or reassembled fragments) larger than this is refused with close 1009. */
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    /** A connection that has sent nothing for this long gets a Ping, so we learn whether it is alive. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(20);

    /** A connection that has sent no frame at all for this long is closed with 1001 Going Away. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The HTTP upgrade request must be complete by then, or the socket is closed (slow-loris guard).
     * For {@code wss://} the TLS handshake comes first and counts towards it.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The upgrade request's head (request line and headers) may not be larger than this. */
    public static final int MAX_HANDSHAKE_BYTES = 8 * 1024;

    /** On stop, open sessions get Close 1001 and this long to answer before their sockets are closed. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private Limits() {
    }
}
