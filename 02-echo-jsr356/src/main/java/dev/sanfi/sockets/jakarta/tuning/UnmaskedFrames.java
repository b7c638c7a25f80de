package dev.sanfi.sockets.jakarta.tuning;

import dev.sanfi.sockets.raw.Frame;
import dev.sanfi.sockets.raw.FrameWriter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The frames the guard's parser has already unmasked, written again for Tyrus without a mask, so
 * that Tyrus does not unmask them once more.
 *
 * <p>Under bench's load of 1 KiB text messages on one core, JFR put 60 % of the server's CPU samples
 * in Tyrus's {@code Masker.unmask}, which XORs a byte at a time and updates a field for each; at
 * 64 KiB, 85 %. The guard ({@code guard.FrameCheck}) runs every read through 01-echo-raw's parser
 * anyway — which unmasks eight bytes at a time — and has checked every rule of RFC 6455 that the
 * frames must keep, masking (§5.1) included. Tyrus unmasks only a frame whose MASK bit is set, so
 * given these frames it copies their payloads and goes on.
 *
 * <p>A data frame the parser handed out in pieces (its bytes came in several reads) becomes one
 * frame per piece: the same message, fragmented differently, which §5.4 allows of anything in
 * between that understands the extensions in use — here, none: with permessage-deflate agreed the
 * guard passes the client's bytes as they came (cutting a compressed frame would cut its deflate
 * data, RFC 7692 §6.1), and Tyrus unmasks them itself.
 */
public final class UnmaskedFrames {

    private static final FrameWriter SERVER_STYLE = FrameWriter.forServer(); // no mask (§5.1)

    private UnmaskedFrames() {
    }

    /** The frames, in order, as one buffer ready to read. */
    public static ByteBuffer write(List<Frame> frames) {
        int length = 0;
        for (Frame frame : frames) {
            length += SERVER_STYLE.frameLength(frame.payload().length);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (Frame frame : frames) {
            SERVER_STYLE.write(frame.opcode(), frame.fin(), frame.payload(), out);
        }
        return out.flip();
    }
}
