package dev.sanfi.sockets.raw;

import java.nio.charset.StandardCharsets;

/**
 * A complete message, its fragments joined (RFC 6455 §5.4, §5.6).
 *
 * @param opcode  {@link Opcode#TEXT} or {@link Opcode#BINARY}
 * @param payload the message's bytes; for a text message already checked to be valid UTF-8
 */
public record Message(Opcode opcode, byte[] payload) {

    public boolean isText() {
        return opcode == Opcode.TEXT;
    }

    /** The text of a text message. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
