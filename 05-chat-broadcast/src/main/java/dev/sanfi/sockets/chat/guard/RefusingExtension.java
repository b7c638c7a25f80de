package dev.sanfi.sockets.chat.guard;

import org.java_websocket.framing.Framedata;

/**
 * An extension of the guard that refuses a frame by marking it rather than by throwing: Java-WebSocket
 * logs a refusal it gets as an exception with its stack trace, though a peer that breaks a rule is
 * expected. {@link GuardedDraft} closes the connection with the refusal's code when the marked frame's
 * turn comes, after the frames before it (RFC 6455 §7.1.7), and processes nothing after it.
 */
interface RefusingExtension {

    /** Whether this is the frame that was refused. */
    boolean refuses(Framedata frame);

    /** The Close code of the refusal (1002, 1007 or 1009). */
    int refusalCode();

    /** The Close reason of the refusal. */
    String refusalReason();
}
