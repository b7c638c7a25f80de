package dev.sanfi.sockets.raw;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns payloads into frames (RFC 6455 §5.2): the header with the shortest length encoding, the
 * masking key for client frames, the payload. Pure: it writes into a buffer the caller owns, so the
 * caller decides when to write to the socket (once per frame, or once for several).
 */
public final class FrameWriter {

    /** 2 bytes of header, at most 8 of extended length, 4 of masking key. */
    public static final int MAX_HEADER_BYTES = 14;

    /** Null for a server: server frames are never masked (§5.1). */
    private final MaskKeySource maskKeys;

    private FrameWriter(MaskKeySource maskKeys) {
        this.maskKeys = maskKeys;
    }

    /** Writes server frames: unmasked. */
    public static FrameWriter forServer() {
        return new FrameWriter(null);
    }

    /** Writes client frames: each masked with a new key from {@code maskKeys} (§5.3). */
    public static FrameWriter forClient(MaskKeySource maskKeys) {
        return new FrameWriter(Objects.requireNonNull(maskKeys, "maskKeys"));
    }

    /** How many bytes {@link #write} puts in the buffer for a payload of this length. */
    public int frameLength(int payloadLength) {
        int lengthBytes = payloadLength <= 125 ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        return 2 + lengthBytes + (maskKeys != null ? 4 : 0) + payloadLength;
    }

    /**
     * Writes one frame into {@code out}, which must have {@link #frameLength} bytes of room.
     *
     * @param fin false for every fragment of a message but the last (§5.4)
     * @throws IllegalArgumentException for a control frame over 125 bytes (§5.5)
     */
    public void write(Opcode opcode, boolean fin, byte[] payload, ByteBuffer out) {
        if (opcode.isControl() && (payload.length > FrameParser.MAX_CONTROL_PAYLOAD || !fin)) {
            throw new IllegalArgumentException(opcode + " frames are final and at most 125 bytes (§5.5)");
        }
        out.put((byte) ((fin ? 0x80 : 0) | opcode.code()));   // FIN, RSV1-3 = 0, opcode
        int mask = maskKeys != null ? 0x80 : 0;
        int length = payload.length;
        if (length <= 125) {
            out.put((byte) (mask | length));                  // the length fits in 7 bits
        } else if (length <= 0xFFFF) {
            out.put((byte) (mask | 126));                     // 126: a 16-bit length follows
            out.putShort((short) length);
        } else {
            out.put((byte) (mask | 127));                     // 127: a 64-bit length follows
            out.putLong(length);
        }
        if (maskKeys == null) {
            out.put(payload);
            return;
        }
        int keyBits = maskKeys.nextMaskKey();
        out.putInt(keyBits);
        byte[] key = {(byte) (keyBits >>> 24), (byte) (keyBits >>> 16), (byte) (keyBits >>> 8), (byte) keyBits};
        int start = out.position();
        out.put(payload);
        Masking.apply(key, 0, out.array(), out.arrayOffset() + start, out.arrayOffset() + out.position());
    }

    /**
     * Writes a compressed message in one frame (RFC 7692 §6.1): as {@link #write}, with RSV1, the
     * "Per-Message Compressed" bit, set in the first byte.
     */
    public void writeCompressed(Opcode opcode, byte[] compressed, ByteBuffer out) {
        if (opcode != Opcode.TEXT && opcode != Opcode.BINARY) {
            throw new IllegalArgumentException(opcode + ": only messages are compressed (RFC 7692 §6.1)");
        }
        int first = out.position();
        write(opcode, true, compressed, out);
        out.put(first, (byte) (out.get(first) | 0x40));     // 0x40: RSV1
    }

    /** One final frame as a new array: for control frames and tests. */
    public byte[] frame(Opcode opcode, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(frameLength(payload.length));
        write(opcode, true, payload, out);
        return out.array();
    }
}
