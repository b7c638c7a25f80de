package dev.sanfi.sockets.jakarta;

/**
 * Reads the client's byte stream only as far as frame headers (RFC 6455 §5.2), to catch two faults
 * that Tyrus lets through: an unmasked client frame, which a server must refuse (§5.1, close 1002),
 * and a frame longer than the message limit, which Tyrus would buffer whole before any check (close
 * 1009 as soon as the header says so). It also notes a Close without a code, which Tyrus answers
 * with 1000. Payloads are skipped, not read. No I/O: bytes in, verdict out.
 */
final class FrameScanner {

    /** Where a byte comes from: the scanner does not care whether it is a Grizzly or a nio buffer. */
    @FunctionalInterface
    interface Bytes {
        byte at(int index);
    }

    /** A fault found in the stream: the close code to fail the connection with, and why. */
    record Fault(int code, String reason) {
    }

    /** RFC 6455 §7.4.1. */
    static final int PROTOCOL_ERROR = 1002;
    static final int MESSAGE_TOO_BIG = 1009;

    private static final int CLOSE_OPCODE = 0x8;
    private static final int MASK_BIT = 0x80;
    private static final int MASK_KEY_BYTES = 4;

    private final long maxPayloadBytes;
    private final byte[] header = new byte[14];
    private int headerBytes;
    private long payloadLeft;
    private Fault fault;
    private volatile boolean emptyCloseSeen;

    FrameScanner(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Scans {@code bytes[from, to)}, which follow whatever was scanned before.
     *
     * @return -1 when every frame header so far is fine; else the index where the faulty frame starts
     *         in this range ({@code from} when it started in an earlier range), see {@link #fault()}
     */
    int scan(Bytes bytes, int from, int to) {
        int frameStart = from;
        int i = from;
        while (i < to) {
            if (payloadLeft > 0) {
                long skip = Math.min(payloadLeft, to - i);
                i += (int) skip;
                payloadLeft -= skip;
                continue;
            }
            if (headerBytes == 0) {
                frameStart = i;
            }
            header[headerBytes++] = bytes.at(i++);
            int needed = headerLength();
            if (headerBytes < needed) {
                continue;
            }
            fault = check();
            if (fault != null) {
                return frameStart;
            }
            payloadLeft = payloadLength();
            if ((header[0] & 0x0f) == CLOSE_OPCODE && payloadLeft == 0) {
                emptyCloseSeen = true;
            }
            headerBytes = 0;
        }
        return -1;
    }

    /** The fault found by the last {@link #scan} that returned an index. */
    Fault fault() {
        return fault;
    }

    /** Whether the client sent a Close frame without a code (RFC 6455 §5.5.1: the body is optional). */
    boolean emptyCloseSeen() {
        return emptyCloseSeen;
    }

    /** How many header bytes this frame has, as far as the bytes seen so far tell. */
    private int headerLength() {
        if (headerBytes < 2) {
            return 2;
        }
        int lengthCode = header[1] & 0x7f;
        int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        int mask = (header[1] & MASK_BIT) != 0 ? MASK_KEY_BYTES : 0;
        return 2 + extended + mask;
    }

    private Fault check() {
        if ((header[1] & MASK_BIT) == 0) {
            return new Fault(PROTOCOL_ERROR, "client frames must be masked (RFC 6455 5.1)");
        }
        if ((header[1] & 0x7f) == 127 && header[2] < 0) {
            return new Fault(PROTOCOL_ERROR, "64-bit length with the most significant bit set (RFC 6455 5.2)");
        }
        if (payloadLength() > maxPayloadBytes) {
            return new Fault(MESSAGE_TOO_BIG, "frame of " + payloadLength() + " bytes, the limit is " + maxPayloadBytes);
        }
        return null;
    }

    private long payloadLength() {
        int lengthCode = header[1] & 0x7f;
        if (lengthCode < 126) {
            return lengthCode;
        }
        int bytes = lengthCode == 126 ? 2 : 8;
        long length = 0;
        for (int k = 0; k < bytes; k++) {
            length = length << 8 | header[2 + k] & 0xff;
        }
        return length;
    }
}
