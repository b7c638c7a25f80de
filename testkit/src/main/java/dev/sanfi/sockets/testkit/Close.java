package dev.sanfi.sockets.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The body of a Close frame the server sent (RFC 6455 §5.5.1): either empty, or a 2-byte status code
 * followed by a UTF-8 reason.
 *
 * @param code   the status code, or {@link #NO_CODE} for an empty body
 * @param reason the reason text (empty when none)
 */
public record Close(int code, String reason) {

    /** The code of a Close without a body (RFC 6455 §7.1.5 calls that "1005 received", never sent). */
    public static final int NO_CODE = -1;

    public static final Close EMPTY = new Close(NO_CODE, "");

    public boolean hasCode() {
        return code != NO_CODE;
    }

    /**
     * Parses a Close frame's payload.
     *
     * @throws IllegalArgumentException for a 1-byte body or a reason that is not UTF-8 (RFC 6455 §5.5.1)
     */
    public static Close parse(byte[] payload) {
        if (payload.length == 0) {
            return EMPTY;
        }
        if (payload.length == 1) {
            throw new IllegalArgumentException("RFC 6455 §5.5.1: a Close body is empty or at least 2 bytes (the code), was 1 byte");
        }
        ByteBuffer body = ByteBuffer.wrap(payload);
        int code = body.getShort() & 0xFFFF;
        try {
            String reason = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body).toString();
            return new Close(code, reason);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("RFC 6455 §5.5.1: the Close reason must be UTF-8, got " + Preview.of(payload), e);
        }
    }

    @Override
    public String toString() {
        return hasCode() ? "Close " + code + (reason.isEmpty() ? "" : " \"" + reason + "\"") : "Close (empty)";
    }
}
