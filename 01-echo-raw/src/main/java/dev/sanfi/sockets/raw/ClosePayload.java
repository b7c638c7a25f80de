package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.CloseCodes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of a Close frame (RFC 6455 §5.5.1): empty, or a 2-byte code followed by a UTF-8 reason.
 *
 * @param code   the close code; {@link CloseCode#NO_STATUS_RECEIVED} 1005 stands for an empty body (§7.1.5)
 * @param reason the reason, empty when there is none
 */
public record ClosePayload(int code, String reason) {

    /** A Close frame with no body. */
    public static final ClosePayload EMPTY = new ClosePayload(CloseCode.NO_STATUS_RECEIVED.code(), "");

    public ClosePayload(CloseCode code, String reason) {
        this(code.code(), reason);
    }

    /**
     * Reads a received Close frame's body.
     *
     * @throws ProtocolException 1002 for a 1-byte body or a code that may not be sent (§7.4),
     *                           1007 for a reason that is not UTF-8 (§8.1)
     */
    public static ClosePayload parse(byte[] payload) throws ProtocolException {
        if (payload.length == 0) {
            return EMPTY;
        }
        if (payload.length == 1) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "1-byte close payload: a close code takes 2 (§5.5.1)");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCode.mayBeSent(code)) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "close code " + code + " may not be sent (§7.4)");
        }
        if (!Utf8Validator.isValid(payload, 2, payload.length)) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD_DATA, "close reason is not valid UTF-8 (§8.1)");
        }
        return new ClosePayload(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    public boolean isEmpty() {
        return code == CloseCode.NO_STATUS_RECEIVED.code();
    }

    /** The frame body: empty for {@link #EMPTY}, else the code and the reason, cut to fit (§5.5). */
    public byte[] toBytes() {
        if (isEmpty()) {
            return new byte[0];
        }
        byte[] reasonBytes = CloseCodes.fittingReason(reason).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes).array();
    }
}
