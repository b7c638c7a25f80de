package dev.sanfi.sockets.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One WebSocket frame exactly as it goes over the wire (RFC 6455 §5.2), valid or not.
 *
 * <p>The contract must be able to send frames a correct client never sends (reserved bits, reserved
 * opcodes, unmasked or oversized control frames), so nothing here is checked beyond what fits in the
 * header's bits: {@code rsv} is the three RSV bits as a number 0..7, {@code opcode} any 4-bit value.
 *
 * <p>{@code payload} is always the unmasked application data. {@code maskKey} is the 4-byte key the
 * frame is (or was, when read) masked with, or null for an unmasked frame. Client frames are masked
 * with the fixed {@link #MASK_KEY} so that every byte the contract sends is reproducible.
 */
public record Frame(boolean fin, int rsv, int opcode, byte[] maskKey, byte[] payload) {

    /** RFC 6455 §5.2 opcodes. */
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** RFC 6455 §5.2: the reserved bits, as values of {@link #rsv()}. */
    public static final int RSV1 = 0b100;
    public static final int RSV2 = 0b010;
    public static final int RSV3 = 0b001;

    /** The mask key of the RFC 6455 §5.7 examples, used for every client frame: byte-exact tests. */
    public static final byte[] MASK_KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    public Frame {
        if (rsv < 0 || rsv > 7) {
            throw new IllegalArgumentException("rsv is 3 bits (0..7), was " + rsv);
        }
        if (opcode < 0 || opcode > 15) {
            throw new IllegalArgumentException("opcode is 4 bits (0..15), was " + opcode);
        }
        if (maskKey != null && maskKey.length != 4) {
            throw new IllegalArgumentException("a mask key is 4 bytes, was " + maskKey.length);
        }
        maskKey = maskKey == null ? null : maskKey.clone();
        payload = payload.clone();
    }

    /** A final, masked frame with the given opcode: what a client sends unless told otherwise. */
    public static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, opcode, MASK_KEY, payload);
    }

    public static Frame text(String text) {
        return of(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame text(byte[] utf8) {
        return of(TEXT, utf8);
    }

    public static Frame binary(byte[] data) {
        return of(BINARY, data);
    }

    public static Frame continuation(byte[] data) {
        return of(CONTINUATION, data);
    }

    public static Frame ping(byte[] data) {
        return of(PING, data);
    }

    public static Frame pong(byte[] data) {
        return of(PONG, data);
    }

    /** A Close with no payload at all (RFC 6455 §5.5.1: the body is optional). */
    public static Frame close() {
        return of(CLOSE, new byte[0]);
    }

    /** A Close whose body is the 2-byte code (network order) and the UTF-8 reason (RFC 6455 §5.5.1). */
    public static Frame close(int code, String reason) {
        return close(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** A Close with any reason bytes, also invalid UTF-8. */
    public static Frame close(int code, byte[] reason) {
        ByteBuffer body = ByteBuffer.allocate(2 + reason.length);
        body.putShort((short) code).put(reason);
        return of(CLOSE, body.array());
    }

    /** This frame with FIN cleared: a fragment that more frames must follow (RFC 6455 §5.4). */
    public Frame notFinal() {
        return new Frame(false, rsv, opcode, maskKey, payload);
    }

    public Frame withRsv(int bits) {
        return new Frame(fin, bits, opcode, maskKey, payload);
    }

    public Frame unmasked() {
        return new Frame(fin, rsv, opcode, null, payload);
    }

    public Frame maskedWith(byte[] key) {
        return new Frame(fin, rsv, opcode, key, payload);
    }

    public boolean masked() {
        return maskKey != null;
    }

    /** RFC 6455 §5.5: opcodes 0x8-0xF are control frames. */
    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * The frame's bytes (RFC 6455 §5.2): the length in the shortest of the 7-bit, 16-bit and 64-bit
     * forms, then the mask key and the masked payload when the frame is masked.
     */
    public byte[] toBytes() {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        int maskBytes = masked() ? 4 : 0;
        ByteBuffer out = ByteBuffer.allocate(2 + lengthBytes + maskBytes + length);
        out.put((byte) ((fin ? 0x80 : 0) | rsv << 4 | opcode));
        int maskBit = masked() ? 0x80 : 0;
        if (lengthBytes == 0) {
            out.put((byte) (maskBit | length));
        } else if (lengthBytes == 2) {
            out.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127)).putLong(length);
        }
        if (masked()) {
            out.put(maskKey);
            // RFC 6455 §5.3: octet i of the payload is XORed with octet i MOD 4 of the key.
            for (int i = 0; i < length; i++) {
                out.put((byte) (payload[i] ^ maskKey[i & 3]));
            }
        } else {
            out.put(payload);
        }
        return out.array();
    }

    /** Many frames as one byte array, to be written in one TCP write. */
    public static byte[] concat(Frame... frames) {
        int total = 0;
        byte[][] parts = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            parts[i] = frames[i].toBytes();
            total += parts[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    /**
     * Reads one frame, whatever its bits say; the payload comes back unmasked.
     *
     * @param maxPayload a larger declared length is refused before anything is allocated
     * @throws EOFException when the stream ends before or inside the frame
     */
    public static Frame read(InputStream in, long maxPayload) throws IOException {
        int first = in.read();
        if (first == -1) {
            throw new EOFException("the connection was closed (EOF) where a frame should start");
        }
        int second = readByte(in);
        long length = second & 0x7F;
        if (length == 126) {
            length = ByteBuffer.wrap(readExactly(in, 2)).getShort() & 0xFFFF;
        } else if (length == 127) {
            length = ByteBuffer.wrap(readExactly(in, 8)).getLong();
            if (length < 0) {
                throw new IOException("RFC 6455 §5.2: the most significant bit of a 64-bit length must be 0");
            }
        }
        if (length > maxPayload) {
            throw new IOException("frame declares " + length + " payload bytes, more than the " + maxPayload + " accepted");
        }
        byte[] key = (second & 0x80) != 0 ? readExactly(in, 4) : null;
        byte[] data = readExactly(in, (int) length);
        if (key != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] ^= key[i & 3];
            }
        }
        return new Frame((first & 0x80) != 0, first >> 4 & 7, first & 0xF, key, data);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b == -1) {
            throw new EOFException("the connection was closed (EOF) inside a frame header");
        }
        return b;
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("the connection was closed (EOF) inside a frame: " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    public static String opcodeName(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "CONTINUATION";
            case TEXT -> "TEXT";
            case BINARY -> "BINARY";
            case CLOSE -> "CLOSE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "RESERVED(0x" + Integer.toHexString(opcode).toUpperCase() + ")";
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that && fin == that.fin && rsv == that.rsv && opcode == that.opcode
                && Arrays.equals(maskKey, that.maskKey) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + opcode;
    }

    @Override
    public String toString() {
        return opcodeName(opcode) + (fin ? "" : " (FIN=0)") + (rsv == 0 ? "" : " rsv=" + Integer.toBinaryString(rsv))
                + (masked() ? " masked" : "") + " " + Preview.of(payload);
    }
}
