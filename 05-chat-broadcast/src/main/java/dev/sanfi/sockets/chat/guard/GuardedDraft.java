package dev.sanfi.sockets.chat.guard;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;

/**
 * RFC 6455 (Java-WebSocket's {@link Draft_6455}) with the connection's {@link InboundFrames}
 * decisions applied: the library decodes the frames before the refused one, in order (§7.1.7 lets
 * an endpoint act on what came first), then the connection gets the refusal's Close (§7.4.1) — and
 * the library never buffers a byte of the refused frame or of anything after it.
 *
 * <p>Java-WebSocket copies the draft for each connection ({@link #copyInstance()}), and the copy is
 * joined to its connection's {@link GuardedChannel} when the handshake is accepted ({@link #attach}).
 *
 * <p>Its extensions are the guard's: {@link NoExtension} for a connection that agreed to none, and
 * with compression {@link GuardedDeflate}, the library's permessage-deflate with its gaps closed. A
 * frame one of them refused closes the connection here with its code, once the frames before it
 * have been processed.
 */
public final class GuardedDraft extends Draft_6455 {

    private final int maxFrameBytes;
    private final boolean deflate;
    private volatile GuardedChannel channel;
    private long offset;
    private boolean refused;
    private boolean closedByExtension;

    /** @param maxFrameBytes also given to the library, which refuses a single larger frame by itself */
    public GuardedDraft(int maxFrameBytes) {
        this(maxFrameBytes, false);
    }

    /**
     * @param maxFrameBytes also given to the library, which refuses a single larger frame by itself;
     *                      with compression it is the limit of a message inflated too
     * @param deflate       whether permessage-deflate (RFC 7692) is accepted when offered, or offered
     *                      by a client ({@link GuardedDeflate})
     */
    public GuardedDraft(int maxFrameBytes, boolean deflate) {
        super(deflate ? List.<IExtension>of(new GuardedDeflate(maxFrameBytes), new NoExtension())
                : List.<IExtension>of(new NoExtension()), maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
        this.deflate = deflate;
    }

    @Override
    public Draft copyInstance() {
        return new GuardedDraft(maxFrameBytes, deflate);
    }

    /** Joins the connection's copy of the draft to its channel; call when the upgrade is accepted. */
    public static void attach(Draft draft, WebSocket connection) {
        if (draft instanceof GuardedDraft guarded && connection instanceof WebSocketImpl impl
                && impl.getChannel() instanceof GuardedChannel channel) {
            guarded.channel = channel;
        }
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        long start = offset;
        offset += buffer.remaining();
        GuardedChannel joined = channel;
        Optional<Refusal> refusal = joined == null ? Optional.empty() : joined.refusal();
        if (refusal.isEmpty() || refusal.get().frameOffset() >= offset) {
            return super.translateFrame(buffer);
        }
        if (refused) {
            buffer.position(buffer.limit());
            return List.of();
        }
        refused = true;
        int before = (int) Math.max(0, refusal.get().frameOffset() - start);
        ByteBuffer accepted = buffer.slice();
        accepted.limit(before);
        buffer.position(buffer.limit());
        List<Framedata> frames = new ArrayList<>(before > 0 ? super.translateFrame(accepted) : List.of());
        frames.add(new RefusedFrame(refusal.get()));
        return frames;
    }

    @Override
    public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
        if (closedByExtension) {
            return; // after the frame the compression refused, nothing is processed (§7.1.7)
        }
        if (getExtension() instanceof RefusingExtension extension && extension.refuses(frame)) {
            closedByExtension = true;
            connection.close(extension.refusalCode(), extension.refusalReason());
            return;
        }
        if (frame instanceof RefusedFrame refused) {
            // Closing here rather than throwing: the library would log its own exception with a
            // stack trace, and a client breaking a rule is expected, not a server error.
            connection.close(refused.refusal().code(), refused.refusal().reason());
            return;
        }
        super.processFrame(connection, frame);
    }

    /** Not a frame from the wire: the marker, after the last accepted frame, that the connection is refused. */
    private record RefusedFrame(Refusal refusal) implements Framedata {
        @Override
        public boolean isFin() {
            return true;
        }

        @Override
        public boolean isRSV1() {
            return false;
        }

        @Override
        public boolean isRSV2() {
            return false;
        }

        @Override
        public boolean isRSV3() {
            return false;
        }

        @Override
        public boolean getTransfereMasked() {
            return true;
        }

        @Override
        public Opcode getOpcode() {
            return Opcode.CLOSING;
        }

        @Override
        public ByteBuffer getPayloadData() {
            return ByteBuffer.allocate(0);
        }

        @Override
        public void append(Framedata nextframe) {
            throw new UnsupportedOperationException("a refusal is not a fragment");
        }
    }
}
