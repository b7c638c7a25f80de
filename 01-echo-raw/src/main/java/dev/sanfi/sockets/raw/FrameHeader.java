package dev.sanfi.sockets.raw;

import java.nio.ByteBuffer;

/**
 * A frame's header (RFC 6455 §5.2), read on its own: everything about a frame that is known before
 * its first payload byte, so that a reader can decide about the frame (refuse it, skip it, count it)
 * without buffering its payload. {@link FrameParser} reads every header with it, and so does a guard
 * that follows frames in front of a library.
 *
 * @param fin           the final fragment of its message (§5.4)
 * @param rsv           the three RSV bits as a number 0–7 (RSV1 the highest); 0 unless an extension says otherwise
 * @param opcode        what the frame carries
 * @param masked        whether a masking key follows (§5.3)
 * @param payloadLength how many payload bytes follow the header, 0 to 2^63 - 1
 * @param maskingKey    the 4-byte masking key, or null for an unmasked frame
 * @param size          the header's own length in bytes, 2 to {@value #MAX_SIZE}
 */
public record FrameHeader(boolean fin, int rsv, Opcode opcode, boolean masked, long payloadLength,
        byte[] maskingKey, int size) {

    /** 2 bytes, an 8-byte extended length and a 4-byte masking key. */
    public static final int MAX_SIZE = 14;

    /** §5.5: a control frame's payload is at most 125 bytes, so its length always fits in 7 bits. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    /**
     * Reads a header from {@code in}'s position. The rules checked here are the ones every header must
     * keep, whoever sent it; whether RSV bits and masking are allowed depends on the connection, and
     * is for the reader to check (see {@link FrameParser}).
     *
     * @return the header, with {@code in}'s position moved past it; or {@code null}, with the position
     *         unchanged, when {@code in} does not hold the whole header yet
     * @throws ProtocolException 1002 for a reserved opcode, a fragmented or too long control frame, or
     *                           a 64-bit length with its top bit set; raised as soon as the bytes that
     *                           break the rule are there
     */
    public static FrameHeader parse(ByteBuffer in) throws ProtocolException {
        if (in.remaining() < 2) {
            return null;
        }
        int at = in.position();
        byte first = in.get(at);
        byte second = in.get(at + 1);
        boolean fin = (first & 0x80) != 0;
        int rsv = (first & 0x70) >> 4;
        Opcode opcode = Opcode.of(first & 0x0F);
        boolean masked = (second & 0x80) != 0;
        int length = second & 0x7F;
        if (opcode.isControl() && !fin) {
            throw protocolError("fragmented " + opcode + " frame: control frames cannot be fragmented (§5.5)");
        }
        if (opcode.isControl() && length > MAX_CONTROL_PAYLOAD) {
            throw protocolError(opcode + " frame over 125 bytes: control frames are at most 125 (§5.5)");
        }
        int lengthBytes = length == 126 ? 2 : length == 127 ? 8 : 0;   // a 16-bit or a 64-bit length follows
        int size = 2 + lengthBytes + (masked ? 4 : 0);
        if (in.remaining() < size) {
            return null;
        }
        long payloadLength = lengthBytes == 0 ? length : readLength(in, at + 2, lengthBytes);
        byte[] maskingKey = null;
        if (masked) {
            maskingKey = new byte[4];
            in.get(at + 2 + lengthBytes, maskingKey);
        }
        in.position(at + size);
        return new FrameHeader(fin, rsv, opcode, masked, payloadLength, maskingKey, size);
    }

    /** The 16-bit or 64-bit length, in network byte order (big-endian) (§5.2). */
    private static long readLength(ByteBuffer in, int from, int lengthBytes) throws ProtocolException {
        long length = 0;
        for (int i = 0; i < lengthBytes; i++) {
            length = (length << 8) | (in.get(from + i) & 0xFF);
        }
        if (length < 0) {
            throw protocolError("64-bit payload length with its most significant bit set (§5.2)");
        }
        return length;
    }

    /**
     * Unmasks {@code data[from..to)} in place, if the frame is masked (§5.3).
     *
     * @param position where {@code data[from]} sits in the frame's payload, so that a payload can be
     *                 unmasked piece by piece as it arrives
     */
    public void unmask(long position, byte[] data, int from, int to) {
        if (masked) {
            Masking.apply(maskingKey, position, data, from, to);
        }
    }

    private static ProtocolException protocolError(String message) {
        return new ProtocolException(CloseCode.PROTOCOL_ERROR, message);
    }
}
