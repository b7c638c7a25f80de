package dev.sanfi.sockets.chat.guard;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Follows the frames a client sends (RFC 6455 §5.2) as the bytes arrive, without keeping their
 * payloads, and decides what Java-WebSocket decides too late or not at all:
 *
 * <ul>
 *   <li>a message whose fragments (§5.4) add up to more than the limit is refused with 1009 at the
 *       header of the frame that passes it, not at the final fragment: the library checks the total
 *       only when the message ends, and keeps every fragment until then;</li>
 *   <li>a Close whose reason is not UTF-8 (§5.5.1) is refused with 1007 (§8.1): the library fails on
 *       it with a NullPointerException and leaves the connection open;</li>
 *   <li>it counts frames, because any frame is a sign of life, and notes the peer's Close, after
 *       which the server may close TCP at once (§7.1.1).</li>
 * </ul>
 *
 * <p>Pure: bytes in, decisions out. Only the Close payload (at most 125 bytes, §5.5) is buffered, to
 * check its reason. Fed by one thread at a time; {@link #refusal()} may be read from any thread.
 */
public final class InboundFrames {

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int MAX_HEADER = 14;

    private final long maxMessageBytes;

    private final byte[] header = new byte[MAX_HEADER];
    private int headerLength;
    private long offset;          // bytes fed so far
    private long frameStart;      // offset of the current frame's first byte
    private long payloadLeft = -1; // -1: reading a header
    private int opcode;
    private byte[] mask;
    private byte[] closePayload;   // the Close frame's payload being collected, or null
    private int closeLength;
    private long messageBytes;
    private long frames;
    private volatile boolean peerClosed; // read by the thread that closes the connection
    private volatile Refusal refusal;

    public InboundFrames(long maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Reads the bytes from the buffer's position to its limit; returns how many frame headers ended in them. */
    public int feed(ByteBuffer bytes) {
        long before = frames;
        while (bytes.hasRemaining()) {
            if (payloadLeft < 0) {
                readHeaderByte(bytes.get());
            } else {
                int n = (int) Math.min(bytes.remaining(), payloadLeft);
                if (closePayload != null) {
                    bytes.get(closePayload, closeLength, n);
                    closeLength += n;
                } else {
                    bytes.position(bytes.position() + n);
                }
                offset += n;
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    endFrame();
                }
            }
        }
        return (int) (frames - before);
    }

    private void readHeaderByte(byte b) {
        if (headerLength == 0) {
            frameStart = offset;
        }
        header[headerLength++] = b;
        offset++;
        if (headerLength < 2) {
            return;
        }
        int lengthCode = header[1] & 0x7F;
        boolean masked = (header[1] & 0x80) != 0;
        int needed = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (headerLength < needed) {
            return;
        }
        long length = lengthCode < 126 ? lengthCode : 0;
        int at = 2;
        if (lengthCode >= 126) {
            int size = lengthCode == 126 ? 2 : 8;
            for (int i = 0; i < size; i++) {
                length = (length << 8) | (header[at++] & 0xFF);
            }
            if (length < 0) {
                length = Long.MAX_VALUE; // the most significant bit must be 0 (§5.2); the library refuses it
            }
        }
        mask = masked ? new byte[] {header[at], header[at + 1], header[at + 2], header[at + 3]} : null;
        opcode = header[0] & 0x0F;
        headerLength = 0;
        frames++;
        startFrame(length);
    }

    private void startFrame(long length) {
        if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY) {
            messageBytes = 0;
        }
        if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY || opcode == OPCODE_CONTINUATION) {
            if (length > maxMessageBytes - messageBytes) {
                refuse(Refusal.MESSAGE_TOO_BIG, "message too big");
                messageBytes = maxMessageBytes; // stays over the limit; the rest is only skipped
            } else {
                messageBytes += length;
            }
        }
        boolean checkClose = opcode == OPCODE_CLOSE && length <= MAX_CONTROL_PAYLOAD;
        closePayload = checkClose ? new byte[(int) length] : null;
        closeLength = 0;
        payloadLeft = length;
        if (length == 0) {
            endFrame();
        }
    }

    private void endFrame() {
        payloadLeft = -1;
        if (opcode == OPCODE_CLOSE) {
            peerClosed = true;
            if (closePayload != null && !reasonIsUtf8(closePayload, mask)) {
                refuse(Refusal.INVALID_PAYLOAD, "close reason is not UTF-8");
            }
        }
        closePayload = null;
    }

    /** RFC 6455 §5.5.1: after the 2-byte code, the body of a Close is UTF-8 text. */
    private static boolean reasonIsUtf8(byte[] payload, byte[] mask) {
        if (payload.length <= 2) {
            return true;
        }
        byte[] reason = new byte[payload.length - 2];
        for (int i = 2; i < payload.length; i++) {
            reason[i - 2] = (byte) (payload[i] ^ (mask == null ? 0 : mask[i % 4]));
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(reason));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void refuse(int code, String reason) {
        if (refusal == null) {
            refusal = new Refusal(code, reason, frameStart);
        }
    }

    /** The first reason to fail the connection, once there is one; it never changes after. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Whether the peer's Close frame has arrived in full. */
    public boolean peerClosed() {
        return peerClosed;
    }

    /** Frame headers read so far. */
    public long frames() {
        return frames;
    }
}
