package dev.sanfi.sockets.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A complete data message: the opcode of its first frame ({@link Frame#TEXT} or {@link Frame#BINARY})
 * and the payloads of all its fragments joined (RFC 6455 §5.4).
 */
public record Message(int opcode, byte[] data) {

    public Message {
        data = data.clone();
    }

    public static Message text(String text) {
        return new Message(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Message text(byte[] utf8) {
        return new Message(Frame.TEXT, utf8);
    }

    public static Message binary(byte[] data) {
        return new Message(Frame.BINARY, data);
    }

    public boolean isText() {
        return opcode == Frame.TEXT;
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * What differs from an expected message, in one line (type, length, first differing byte), or
     * null when they are the same: a readable failure for a 1 MiB echo.
     */
    public String differenceFrom(Message expected) {
        if (opcode != expected.opcode) {
            return "expected a " + Frame.opcodeName(expected.opcode) + " message, got " + this;
        }
        int common = Math.min(data.length, expected.data.length);
        int mismatch = Arrays.mismatch(data, expected.data);
        if (mismatch == -1) {
            return null;
        }
        if (mismatch == common) {
            return "expected " + expected.data.length + " bytes, got " + data.length + " bytes ("
                    + Frame.opcodeName(opcode) + ")";
        }
        return "bytes differ first at index " + mismatch + " of " + expected.data.length + ": expected "
                + String.format("0x%02x", expected.data[mismatch] & 0xFF) + ", got "
                + String.format("0x%02x", data[mismatch] & 0xFF);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && opcode == that.opcode && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + opcode;
    }

    @Override
    public String toString() {
        return Frame.opcodeName(opcode) + " message " + Preview.of(data);
    }
}
