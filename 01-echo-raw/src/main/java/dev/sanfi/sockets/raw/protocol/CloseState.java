package dev.sanfi.sockets.raw.protocol;

/**
 * Where a {@link Connection} is in its life after the opening handshake (RFC 6455 §7.1).
 *
 * <pre>
 *   OPEN ──(Close sent or received, or the connection failed)──▶ CLOSING ──(TCP closed)──▶ CLOSED
 *     └────────────────────────(TCP closed without a Close)───────────────────────────────▲
 * </pre>
 */
public enum CloseState {

    /** Frames flow both ways (§4.2.2: "the WebSocket connection is established ... in the OPEN state"). */
    OPEN,

    /**
     * "The WebSocket Closing Handshake is Started" (§7.1.3): a Close was sent or received, or the
     * connection failed (§7.1.7). No data frame is sent any more; the peer is expected to close TCP.
     */
    CLOSING,

    /** "The WebSocket Connection is Closed" (§7.1.4): the TCP connection is closed. */
    CLOSED
}
