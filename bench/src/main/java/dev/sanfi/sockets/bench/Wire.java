package dev.sanfi.sockets.bench;

import java.nio.ByteBuffer;
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

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** RFC 6455 §1.3: the GUID appended to the key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Wire() {
    }

    /** RFC 6455 §4.1: the opening handshake's request head. */
    static byte[] upgradeRequest(String hostPort, String target, String key) {
        String head = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostPort + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
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
        String expected = acceptKey(key);
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                String accept = line.substring(colon + 1).trim();
                return accept.equals(expected) ? null : "wrong Sec-WebSocket-Accept: " + accept;
            }
        }
        return "no Sec-WebSocket-Accept";
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
        out.put((byte) (0x80 | opcode));
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
        byte[] key = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
        for (int i = 0; i < length; i++) {
            out.put((byte) (payload[offset + i] ^ key[i & 3]));
        }
    }

    /**
     * Finds server frames in a heap buffer in read mode. After {@link #next} returns true, the
     * fields describe the frame and the buffer's position is past it; the payload is
     * {@code array[payloadOffset, payloadOffset + payloadLength)} of the buffer's backing array.
     * A masked server frame (which RFC 6455 forbids) is unmasked in place, so that it is still counted.
     */
    static final class Reader {
        boolean fin;
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
