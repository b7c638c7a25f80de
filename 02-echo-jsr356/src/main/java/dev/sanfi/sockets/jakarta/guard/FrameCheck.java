package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.Frame;
import dev.sanfi.sockets.raw.FrameParser;
import dev.sanfi.sockets.raw.MessageAssembler;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.ProtocolException;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import dev.sanfi.sockets.raw.deflate.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a client's byte stream through the parser of chapter 3 ({@code 01-echo-raw}'s
 * {@link FrameParser}, {@link MessageAssembler} and {@link ClosePayload}) before Tyrus sees it, to find
 * what Tyrus lets through or finds late, and to say how much of each read may go on to Tyrus:
 * <ul>
 *   <li>an unmasked client frame (RFC 6455 §5.1), RSV bits, reserved opcodes, bad control frames
 *       (§5.2, §5.5) and fragments out of order (§5.4): 1002;</li>
 *   <li>a frame over the limit, from its header alone, and fragments that add up to more: 1009
 *       (§7.4.1), before the payload is buffered;</li>
 *   <li>invalid UTF-8 in a text message as soon as the bad byte arrives, also inside a frame: 1007
 *       (§8.1);</li>
 *   <li>a Close payload of 1 byte or with a code that may not be sent: 1002; a reason that is not
 *       UTF-8: 1007 (§5.5.1, §7.4).</li>
 *   <li>with permessage-deflate agreed (RFC 7692), RSV1 where §6.1 forbids it: 1002; a compressed
 *       message counted and checked as it inflates, a step at a time: 1009 once its inflated bytes
 *       pass the limit, before Tyrus, which inflates a whole frame at once, gets the frame's end;
 *       data that does not inflate: 1007.</li>
 * </ul>
 * Everything before the frame with the fault goes on, so earlier messages are still echoed; nothing
 * from the faulty frame on does. After the client's Close nothing goes on either: §5.5.1 lets the
 * client send nothing more, and Tyrus has answered. No I/O here: bytes in, verdict out.
 */
public final class FrameCheck {

    /** Why the connection fails: the close code and a reason for the Close frame. */
    public record Fault(int code, String reason) {
    }

    /**
     * What to do with one read.
     *
     * @param passBytes how many bytes from its start go on to Tyrus
     * @param fault     null, or the fault the bytes after {@code passBytes} contain
     */
    public record Verdict(int passBytes, Fault fault) {
    }

    private final FrameParser parser;
    private final MessageAssembler messages;
    /** The inflater of a connection that agreed to permessage-deflate; null for one that did not. */
    private final MessageInflater inflater;
    private boolean done;
    private volatile boolean emptyCloseSeen;
    /** The frames of the last check's bytes that pass, as the parser unmasked them. */
    private final List<Frame> passed = new ArrayList<>();

    /** @param maxMessageBytes the limit of one frame and of one reassembled message */
    public FrameCheck(int maxMessageBytes) {
        this(maxMessageBytes, null);
    }

    /**
     * @param maxMessageBytes the limit of one message (inflated, when compressed) and of one frame
     * @param deflate         what the handshake agreed for permessage-deflate (RFC 7692), or null:
     *                        then RSV1 may start a message, whose inflated bytes are what the limit
     *                        and the UTF-8 check see, inflated a step at a time as they arrive
     */
    public FrameCheck(int maxMessageBytes, DeflateParameters deflate) {
        // A compressed frame may be a little longer than the message it holds; the limit is the message's.
        this.parser = FrameParser.forServer(deflate == null ? maxMessageBytes : MessageInflater.maxCompressedBytes(maxMessageBytes),
                deflate != null);
        this.inflater = deflate == null ? null : PerMessageDeflate.forServer(deflate).inflater();
        this.messages = new MessageAssembler(maxMessageBytes, inflater);
    }

    /** Frees the inflater's native memory, if any; the connection is gone. */
    public void release() {
        if (inflater != null) {
            inflater.release();
        }
    }

    /** Checks the next bytes of the stream, from {@code bytes}' position to its limit (the position moves). */
    public Verdict check(ByteBuffer bytes) {
        int start = bytes.position();
        passed.clear();
        if (done) {
            return new Verdict(0, null); // after the client's Close or a fault: nothing more for Tyrus
        }
        // Where the frame being parsed started in this read; a frame begun in an earlier read counts from 0.
        int frameStart = start;
        int framesBeforeFrameStart = 0;
        try {
            while (true) {
                Frame frame = parser.parse(bytes);
                if (frame == null) {
                    return new Verdict(bytes.position() - start, null);
                }
                passed.add(frame);
                if (frame.opcode() == Opcode.CLOSE) {
                    emptyCloseSeen = ClosePayload.parse(frame.payload()).isEmpty();
                    done = true;
                    return new Verdict(bytes.position() - start, null);
                }
                if (!frame.opcode().isControl()) {
                    messages.accept(frame); // checks order, size and UTF-8; the message itself is Tyrus's
                }
                // The parser hands out a data frame in pieces, as its bytes arrive: a piece that leaves
                // bytes in the read ended its frame, and so does every control frame.
                if (frame.opcode().isControl() || bytes.hasRemaining()) {
                    frameStart = bytes.position();
                    framesBeforeFrameStart = passed.size();
                }
            }
        } catch (ProtocolException fault) {
            done = true;
            passed.subList(framesBeforeFrameStart, passed.size()).clear();
            return new Verdict(frameStart - start, new Fault(fault.closeCode().code(), fault.getMessage()));
        }
    }

    /**
     * What the bytes the last {@link #check} let pass hold, unmasked by the parser: whole control
     * frames, and data frames in the pieces their bytes arrived in (the first piece of a frame has
     * its opcode, the others {@link Opcode#CONTINUATION}; only a frame's last piece has its FIN).
     * Sent as frames of their own, they make the same messages (§5.4).
     */
    public List<Frame> passedFrames() {
        return List.copyOf(passed);
    }

    /** Whether the client's Close had no body (RFC 6455 §5.5.1: the body is optional). */
    public boolean emptyCloseSeen() {
        return emptyCloseSeen;
    }
}
