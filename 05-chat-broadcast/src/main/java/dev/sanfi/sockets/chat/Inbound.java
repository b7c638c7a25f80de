package dev.sanfi.sockets.chat;

/** What a member sent, once decoded: a message to broadcast, or input the room refuses. */
public sealed interface Inbound {

    /** {@code {"type":"message","text":X}} with a text of acceptable length. */
    record Message(String text) implements Inbound {
    }

    /** Anything else; the reason goes back to the member in an error event. */
    record Invalid(String reason) implements Inbound {
    }
}
