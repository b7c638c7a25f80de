package dev.sanfi.sockets.chat.guard;

import java.nio.ByteBuffer;
import org.java_websocket.extensions.DefaultExtension;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * What a connection gets when it agreed to no extension: RFC 6455 as it is, where "RSV1, RSV2, RSV3:
 * MUST be 0 unless an extension is negotiated that defines meanings for non-zero values" (§5.2).
 * The library's {@link DefaultExtension} fails such a frame by throwing, and logs that with a stack
 * trace; this one marks the frame ({@link RefusingExtension}) for a Close 1002 without one. The
 * library hands it only the first frame of a message with an RSV bit set (it decides on the frames
 * without one by itself); {@link InboundFrames} has refused the others before.
 */
final class NoExtension extends DefaultExtension implements RefusingExtension {

    private Framedata refusedFrame;

    @Override
    public void isFrameValid(Framedata frame) {
        if (refusedFrame == null && (frame.isRSV1() || frame.isRSV2() || frame.isRSV3())) {
            refusedFrame = frame;
        }
    }

    @Override
    public void decodeFrame(Framedata frame) {
        if (refusedFrame != null && frame instanceof FramedataImpl1 impl) {
            // nothing of it is processed; and no bit left for the library's own checks to throw on
            impl.setPayload(ByteBuffer.allocate(0));
            impl.setRSV1(false);
            impl.setRSV2(false);
            impl.setRSV3(false);
        }
    }

    @Override
    public IExtension copyInstance() {
        return new NoExtension();
    }

    @Override
    public boolean refuses(Framedata frame) {
        return frame == refusedFrame;
    }

    @Override
    public int refusalCode() {
        return 1002;
    }

    @Override
    public String refusalReason() {
        return "RSV bit set without an extension (RFC 6455 §5.2)";
    }

    @Override
    public String toString() {
        return "NoExtension";
    }
}
