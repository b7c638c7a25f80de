package dev.sanfi.sockets.jakarta;

/**
 * Follows the client's byte stream frame by frame (RFC 6455 §5.2), to catch what Tyrus lets through
 * or catches late: an unmasked client frame, which a server must refuse (§5.1, close 1002); a frame
 * longer than the message limit, which Tyrus would buffer whole before any check (close 1009 as soon
 * as the header says so); and invalid UTF-8 in a text message, which Tyrus sees only once a whole
 * frame is in (close 1007 as soon as the bad byte arrives, §8.1). It also notes a Close without a
 * code, which Tyrus answers with 1000. Text payloads are unmasked and checked; all others are
 * skipped, not read. No I/O: bytes in, verdict out.
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
    static final int INVALID_PAYLOAD = 1007;
    static final int MESSAGE_TOO_BIG = 1009;

    /**
     * Where the client's messages stand. The scanner checks UTF-8 only in frames Tyrus will take as
     * part of a text message; at a frame Tyrus fails with 1002 (a bad opcode, a continuation out of
     * place, a reserved bit, a bad control frame) it gives up, and leaves that failure to Tyrus.
     */
    private enum MessageState { BETWEEN, TEXT, BINARY, GAVE_UP }

    private static final int FIN_BIT = 0x80;
    private static final int RSV_BITS = 0x70;
    private static final int CONTINUATION_OPCODE = 0x0;
    private static final int TEXT_OPCODE = 0x1;
    private static final int BINARY_OPCODE = 0x2;
    private static final int CLOSE_OPCODE = 0x8;
    private static final int PONG_OPCODE = 0xa;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int MASK_BIT = 0x80;
    private static final int MASK_KEY_BYTES = 4;

    private final long maxPayloadBytes;
    private final byte[] header = new byte[14];
    private int headerBytes;
    private long payloadLeft;
    private int maskKeyAt;
    private long payloadAt;
    private boolean finalFrame;
    private boolean dataFrame;
    private MessageState message = MessageState.BETWEEN;
    private final Utf8Validator utf8 = new Utf8Validator();
    private Fault fault;
    /** After a fault: the index in the scanned range just past the bytes taken, and what is left of the faulty frame. */
    private int resumeAt;
    private long leftOfFaultyFrame;
    private volatile boolean emptyCloseSeen;

    FrameScanner(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Scans {@code bytes[from, to)}, which follow whatever was scanned before.
     *
     * @return -1 when every frame so far is fine; else the index where the faulty frame starts in this
     *         range ({@code from} when it started in an earlier range), see {@link #fault()}
     */
    int scan(Bytes bytes, int from, int to) {
        int frameStart = from;
        int i = from;
        while (i < to) {
            if (payloadLeft > 0) {
                int end = i + (int) Math.min(payloadLeft, to - i);
                if (message == MessageState.TEXT && dataFrame) {
                    for (int k = i; k < end; k++) {
                        int mask = header[maskKeyAt + (int) (payloadAt++ & 3)];
                        if (!utf8.accept((bytes.at(k) ^ mask) & 0xff)) {
                            fault = new Fault(INVALID_PAYLOAD, "invalid UTF-8 in a text message (RFC 6455 8.1)");
                            resumeAt = k + 1;
                            leftOfFaultyFrame = payloadLeft - (k + 1 - i);
                            return frameStart;
                        }
                    }
                }
                payloadLeft -= end - i;
                i = end;
                if (payloadLeft == 0 && (fault = frameEnded()) != null) {
                    resumeAt = i;
                    leftOfFaultyFrame = 0;
                    return frameStart;
                }
                continue;
            }
            if (headerBytes == 0) {
                frameStart = i;
            }
            header[headerBytes++] = bytes.at(i++);
            int needed = headerLength(header, headerBytes);
            if (headerBytes < needed) {
                continue;
            }
            fault = check();
            if (fault != null) {
                resumeAt = i;
                leftOfFaultyFrame = payloadLength(header);
                return frameStart;
            }
            payloadLeft = payloadLength(header);
            if ((header[0] & 0x0f) == CLOSE_OPCODE && payloadLeft == 0) {
                emptyCloseSeen = true;
            }
            headerBytes = 0;
            maskKeyAt = needed - MASK_KEY_BYTES;
            payloadAt = 0;
            frameStarted();
            if (payloadLeft == 0 && (fault = frameEnded()) != null) {
                resumeAt = i;
                leftOfFaultyFrame = 0;
                return frameStart;
            }
        }
        return -1;
    }

    /** A frame's header is in: where its payload stands in the message, by the rules Tyrus enforces. */
    private void frameStarted() {
        int opcode = header[0] & 0x0f;
        finalFrame = (header[0] & FIN_BIT) != 0;
        dataFrame = opcode < CLOSE_OPCODE;
        if (message == MessageState.GAVE_UP) {
            return;
        }
        boolean fine;
        if ((header[0] & RSV_BITS) != 0) {
            fine = false;
        } else if (!dataFrame) {
            fine = opcode <= PONG_OPCODE && finalFrame && payloadLeft <= MAX_CONTROL_PAYLOAD;
        } else if (opcode == CONTINUATION_OPCODE) {
            fine = message != MessageState.BETWEEN;
        } else if (opcode == TEXT_OPCODE || opcode == BINARY_OPCODE) {
            fine = message == MessageState.BETWEEN;
            if (fine) {
                message = opcode == TEXT_OPCODE ? MessageState.TEXT : MessageState.BINARY;
                utf8.reset();
            }
        } else {
            fine = false; // a reserved data opcode
        }
        if (!fine) {
            message = MessageState.GAVE_UP; // Tyrus fails the connection with 1002 at this frame
        }
    }

    /** A frame's payload is all in: a message's last frame must end on a whole UTF-8 character. */
    private Fault frameEnded() {
        if (!dataFrame || !finalFrame || message == MessageState.GAVE_UP) {
            return null;
        }
        boolean whole = message != MessageState.TEXT || utf8.complete();
        message = MessageState.BETWEEN;
        return whole ? null : new Fault(INVALID_PAYLOAD, "text message ends inside a UTF-8 character (RFC 6455 8.1)");
    }

    /** The fault found by the last {@link #scan} that returned an index. */
    Fault fault() {
        return fault;
    }

    /** After a fault: where in the last scanned range the bytes after the faulty ones begin. */
    int resumeAt() {
        return resumeAt;
    }

    /** After a fault: a {@link CloseWatch} that takes the stream up from {@link #resumeAt()}. */
    CloseWatch closeWatch() {
        return new CloseWatch(leftOfFaultyFrame);
    }

    /** Whether the client sent a Close frame without a code (RFC 6455 §5.5.1: the body is optional). */
    boolean emptyCloseSeen() {
        return emptyCloseSeen;
    }

    /** How many header bytes a frame has, as far as its first {@code headerBytes} bytes tell (RFC 6455 §5.2). */
    static int headerLength(byte[] header, int headerBytes) {
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
        if (payloadLength(header) > maxPayloadBytes) {
            return new Fault(MESSAGE_TOO_BIG, "frame of " + payloadLength(header) + " bytes, the limit is " + maxPayloadBytes);
        }
        return null;
    }

    /** The payload length a complete frame header announces (RFC 6455 §5.2). */
    static long payloadLength(byte[] header) {
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
