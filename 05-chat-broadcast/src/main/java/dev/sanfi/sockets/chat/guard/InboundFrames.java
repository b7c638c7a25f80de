package dev.sanfi.sockets.chat.guard;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.FrameHeader;
import dev.sanfi.sockets.raw.FrameHeaderReader;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Follows the frames a client sends as the bytes arrive, with the parser of chapter 3 ({@code
 * 01-echo-raw}'s {@link FrameHeaderReader} and {@link ClosePayload}), without keeping their payloads,
 * and decides what Java-WebSocket decides too late or not at all:
 *
 * <ul>
 *   <li>a message whose fragments (RFC 6455 §5.4) add up to more than the limit is refused with 1009
 *       at the header of the frame that passes it, not at the final fragment: the library checks the
 *       total only when the message ends, and keeps every fragment until then;</li>
 *   <li>a Close whose payload is invalid (§5.5.1) is refused: 1002 for a 1-byte payload or a code
 *       that may not be sent (§7.4), 1007 for a reason that is not UTF-8 (§8.1) — on the latter the
 *       library fails with a NullPointerException and leaves the connection open;</li>
 *   <li>a header that {@link FrameHeader#parse} refuses (a reserved opcode, a fragmented or too long
 *       control frame, a 64-bit length with its top bit set, §5.2, §5.5) is refused with its 1002,
 *       and nothing after it is followed: without a trusted length the next frame cannot be found;</li>
 *   <li>it counts frames, because any frame is a sign of life, and notes the peer's Close, after
 *       which the server may close TCP at once (§7.1.1);</li>
 *   <li>an RSV bit where no extension of this server could give it a meaning — RSV2 or RSV3 on any
 *       frame (§5.2), RSV1 on a control frame or a continuation (RFC 7692 §6: it marks the first frame
 *       of a compressed message only) — is refused with 1002: the library would fail the connection
 *       too, but by throwing, which it logs with a stack trace.</li>
 * </ul>
 * The rules that depend on the connection (RSV1 on a first frame without permessage-deflate, an
 * unmasked client frame, §5.1, §5.2) are left to the library and the guard's extensions
 * ({@link NoExtension}, {@link GuardedDeflate}), which fail the connection with 1002 on them.
 *
 * <p>Pure: bytes in, decisions out. Only a header's bytes and the Close payload (at most 125 bytes,
 * §5.5) are buffered. Fed by one thread at a time; {@link #refusal()} may be read from any thread.
 */
public final class InboundFrames {

    private static final int RSV1 = 0b100;
    private static final int RSV2_RSV3 = 0b011;

    private final long maxMessageBytes;
    private final FrameHeaderReader headers = new FrameHeaderReader();

    private FrameHeader header;      // the frame whose payload is being read; null while reading a header
    private long offset;             // bytes fed so far
    private long frameStart;         // offset of the current frame's first byte
    private long payloadLeft;
    private byte[] closePayload;     // the Close frame's payload being collected, or null
    private int closeLength;
    private long messageBytes;
    private long frames;
    private boolean lost;            // a header was refused: where the next frame starts is unknown
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
        while (bytes.hasRemaining() && !lost) {
            if (header == null) {
                readHeader(bytes);
            } else {
                readPayload(bytes);
            }
        }
        bytes.position(bytes.limit());
        return (int) (frames - before);
    }

    private void readHeader(ByteBuffer bytes) {
        int start = bytes.position();
        try {
            header = headers.read(bytes);
        } catch (ProtocolException fault) {
            refuse(fault.closeCode(), fault.getMessage());
            lost = true;
            return;
        }
        offset += bytes.position() - start;
        if (header != null) {
            frames++;
            startFrame();
        }
    }

    private void startFrame() {
        Opcode opcode = header.opcode();
        long length = header.payloadLength();
        if ((header.rsv() & RSV2_RSV3) != 0) {
            refuse(CloseCode.PROTOCOL_ERROR, "RSV2 or RSV3 set (RFC 6455 §5.2)");
        } else if ((header.rsv() & RSV1) != 0 && (opcode.isControl() || opcode == Opcode.CONTINUATION)) {
            refuse(CloseCode.PROTOCOL_ERROR, "RSV1 on a " + (opcode.isControl() ? "control frame" : "continuation")
                    + " (RFC 7692 §6)");
        }
        if (opcode == Opcode.TEXT || opcode == Opcode.BINARY) {
            messageBytes = 0;
        }
        if (!opcode.isControl()) {
            if (length > maxMessageBytes - messageBytes) {
                refuse(CloseCode.MESSAGE_TOO_BIG, "message too big");
                messageBytes = maxMessageBytes; // stays over the limit; the rest is only skipped
            } else {
                messageBytes += length;
            }
        }
        // FrameHeader.parse has checked that a control frame's payload is at most 125 bytes (§5.5).
        closePayload = opcode == Opcode.CLOSE ? new byte[(int) length] : null;
        closeLength = 0;
        payloadLeft = length;
        if (length == 0) {
            endFrame();
        }
    }

    private void readPayload(ByteBuffer bytes) {
        int n = (int) Math.min(bytes.remaining(), payloadLeft);
        if (closePayload != null) {
            bytes.get(closePayload, closeLength, n);
            closeLength += n;
        } else {
            bytes.position(bytes.position() + n); // a data payload is the library's: skipped, not kept
        }
        offset += n;
        payloadLeft -= n;
        if (payloadLeft == 0) {
            endFrame();
        }
    }

    private void endFrame() {
        if (closePayload != null) {
            header.unmask(0, closePayload, 0, closePayload.length);
            try {
                ClosePayload.parse(closePayload);
            } catch (ProtocolException fault) {
                refuse(fault.closeCode(), fault.getMessage());
            }
            peerClosed = true;
        }
        header = null;
        closePayload = null;
        frameStart = offset;
    }

    private void refuse(CloseCode code, String reason) {
        if (refusal == null) {
            refusal = new Refusal(code.code(), reason, frameStart);
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
