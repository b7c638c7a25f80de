package dev.sanfi.sockets.raw.protocol;

import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.Message;

/**
 * What the peer's bytes meant, as {@link Connection#receive} hands it out, in the order of the
 * frames. The protocol's own answers are already queued when an event is handed out: the Pong for a
 * Ping, the Close for a Close or for a failure; the application only decides what to do with
 * messages.
 */
public sealed interface Event {

    /** A complete, checked message (§5.4, §5.6); text is valid UTF-8 (§8.1). */
    record MessageReceived(Message message) implements Event {
    }

    /** A Ping (§5.5.2); the Pong with the same payload is queued already. */
    record PingReceived(byte[] payload) implements Event {
    }

    /** A Pong (§5.5.3): the answer to our Ping, or an unsolicited heartbeat. Nothing to do. */
    record PongReceived(byte[] payload) implements Event {
    }

    /**
     * The peer's Close (§5.5.1). If ours had not gone out yet, the answer (a Close with the same
     * payload) is queued; either way nothing after this frame is read.
     */
    record CloseReceived(ClosePayload close) implements Event {
    }

    /**
     * The peer broke the protocol and the connection is failed (§7.1.7): our Close with this code is
     * queued (unless one was sent before), and every byte that follows is ignored.
     */
    record Failed(CloseCode code, String reason) implements Event {
    }
}
