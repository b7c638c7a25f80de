package dev.sanfi.sockets.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The little of RFC 6455 a load generator needs, written for speed rather than for teaching: the
 * upgrade request, final masked client frames written straight into a connection's buffer, and
 * server frames found in place in a read buffer (no copy, no object per frame). The full protocol
 * is 01-echo-raw's; this is a client that trusts the server to be correct, and counts.
 */
final class Wire {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** RFC 6455 §1.3: the GUID appended to the key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Eight bytes of an array as one long, so that a payload is masked eight bytes at a time. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Wire() {
    }

    /** RFC 6455 §4.1: the opening handshake's request head. */
    static byte[] upgradeRequest(String hostPort, String target, String key) {
        return upgradeRequest(hostPort, target, key, null);
    }

    /** The same, offering {@code extensions} (§9.1) unless it is null. */
    static byte[] upgradeRequest(String hostPort, String target, String key, String extensions) {
        String head = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostPort + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                + "\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Checks a complete response head (up to and without the blank line): status 101 and the right
     * accept key. Returns null when it is the upgrade, else what is wrong with it.
     */
    static String checkUpgradeResponse(String head, String key) {
        String[] lines = head.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 101")) {
            return "no 101: " + (lines.length == 0 ? "(empty)" : lines[0]);
        }
        String accept = headerValue(head, "Sec-WebSocket-Accept");
        if (accept == null) {
            return "no Sec-WebSocket-Accept";
        }
        return accept.equals(acceptKey(key)) ? null : "wrong Sec-WebSocket-Accept: " + accept;
    }

    /** The value of the first header of that name in a response head, null if it has none. */
    static String headerValue(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Bytes of a final masked frame with this payload length (RFC 6455 §5.2). */
    static int maskedFrameSize(int length) {
        return 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + 4 + length;
    }

    /**
     * Writes one final, masked frame into {@code out} (which must have room, see
     * {@link #maskedFrameSize}): the header, the mask key, and {@code payload[offset, offset + length)}
     * XOR-ed with the key (RFC 6455 §5.3).
     */
    static void putMaskedFrame(ByteBuffer out, int opcode, byte[] payload, int offset, int length, int maskKey) {
        putMaskedFrame(out, opcode, false, payload, offset, length, maskKey);
    }

    /**
     * The same, with RSV1 set when {@code rsv1}: the first frame of a compressed message
     * (RFC 7692 §6). {@code out} must be a heap buffer.
     */
    static void putMaskedFrame(ByteBuffer out, int opcode, boolean rsv1, byte[] payload, int offset, int length,
                               int maskKey) {
        out.put((byte) (0x80 | (rsv1 ? 0x40 : 0) | opcode));
        if (length <= 125) {
            out.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            out.put((byte) (0x80 | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127));
            out.putLong(length);
        }
        out.putInt(maskKey);
        // Eight bytes at a time: from a multiple of 4 on, the key's four bytes repeat twice in a long.
        byte[] a = out.array();
        int at = out.arrayOffset() + out.position();
        long key8 = ((long) maskKey << 32) | (maskKey & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONGS.set(a, at + i, (long) LONGS.get(payload, offset + i) ^ key8);
        }
        for (; i < length; i++) {
            a[at + i] = (byte) (payload[offset + i] ^ (maskKey >>> (24 - 8 * (i & 3))));
        }
        out.position(out.position() + length);
    }

    /**
     * Finds server frames in a heap buffer in read mode. After {@link #next} returns true, the
     * fields describe the frame and the buffer's position is past it; the payload is
     * {@code array[payloadOffset, payloadOffset + payloadLength)} of the buffer's backing array.
     * A masked server frame (which RFC 6455 forbids) is unmasked in place, so that it is still counted.
     */
    static final class Reader {
        boolean fin;
        /** RSV1: the first frame of a compressed message, when permessage-deflate is in use (RFC 7692 §6). */
        boolean rsv1;
        int opcode;
        int payloadOffset;
        int payloadLength;
        /** When {@link #next} returned false: the bytes the whole frame needs, or 0 if not yet known. */
        long needed;

        boolean next(ByteBuffer in) {
            int start = in.position();
            int available = in.remaining();
            needed = 0;
            if (available < 2) {
                return false;
            }
            byte[] a = in.array();
            int base = in.arrayOffset() + start;
            int b0 = a[base] & 0xFF;
            int b1 = a[base + 1] & 0xFF;
            boolean masked = (b1 & 0x80) != 0;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (available < 4) {
                    return false;
                }
                length = ((a[base + 2] & 0xFF) << 8) | (a[base + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (available < 10) {
                    return false;
                }
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (a[base + i] & 0xFF);
                }
                header = 10;
            }
            if (masked) {
                header += 4;
            }
            long total = header + length;
            if (available < total) {
                needed = total;
                return false;
            }
            fin = (b0 & 0x80) != 0;
            rsv1 = (b0 & 0x40) != 0;
            opcode = b0 & 0x0F;
            payloadOffset = base + header;
            payloadLength = (int) length;
            if (masked) {
                int keyAt = base + header - 4;
                for (int i = 0; i < payloadLength; i++) {
                    a[payloadOffset + i] ^= a[keyAt + (i & 3)];
                }
            }
            in.position(start + (int) total);
            return true;
        }
    }
}
