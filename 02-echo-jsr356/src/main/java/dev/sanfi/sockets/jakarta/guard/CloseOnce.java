package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.raw.ClosePayload;
import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * One Close per connection from the server, and nothing after it: RFC 6455 §5.5.1 has an endpoint send
 * a Close in answer only if it "did not previously send a Close frame", and send no more data frames
 * after its Close; §1.4: "after sending a control frame indicating the connection should be closed, a
 * peer does not send any further data".
 *
 * <p>Two senders of Close frames share a connection: Tyrus (answering the client's Close) and the
 * guard (failing a connection, the idle close, the shutdown), which writes its own below Tyrus, as
 * Tyrus does not know of it. So every write passes here: once the guard's Close is on its way, what
 * Tyrus still writes (an echo in flight, its own Close) is dropped; once Tyrus has written a Close,
 * the guard sends none.
 */
public final class CloseOnce extends BaseFilter {

    /** FIN + opcode 0x8: the first byte of every Close frame (§5.2, §5.5.1). */
    private static final int CLOSE_FRAME_START = 0x88;

    private static final Attribute<Closes> CLOSES =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(CloseOnce.class.getName() + ".closes");

    /** The Close frames of one upgraded connection. */
    private static final class Closes {
        /** The guard's own Close frame, once it is sent; null until then. */
        private Buffer ours;
        private boolean tyrusClosed;
    }

    private static final FrameWriter FRAMES = FrameWriter.forServer();

    private final LingeringClose lingering;

    public CloseOnce(LingeringClose lingering) {
        this.lingering = lingering;
    }

    /** Watches this connection's Close frames from now on; call once it has upgraded. */
    public void track(Connection<?> connection) {
        CLOSES.set(connection, new Closes());
    }

    /**
     * Sends the guard's Close with this code and reason, unless a Close has gone out already; then the
     * connection closes by a {@link LingeringClose}.
     *
     * @return whether this Close was sent
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // Grizzly's write takes a raw CompletionHandler
    public boolean send(Connection connection, int code, String reason) {
        Closes closes = CLOSES.get(connection);
        if (closes == null) {
            return false;
        }
        Buffer frame;
        synchronized (closes) {
            if (closes.ours != null || closes.tyrusClosed) {
                return false;
            }
            byte[] body = new ClosePayload(code, reason).toBytes(); // the reason cut to fit (common's CloseCodes)
            frame = Buffers.wrap(connection.getMemoryManager(), FRAMES.frame(Opcode.CLOSE, body));
            closes.ours = frame;
        }
        lingering.begin(connection);
        connection.write(frame, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                lingering.afterClose(connection);
            }

            @Override
            public void failed(Throwable error) {
                connection.closeSilently();
            }
        });
        return true;
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        Closes closes = CLOSES.get(ctx.getConnection());
        if (closes == null || !(ctx.getMessage() instanceof Buffer frame)) {
            return ctx.getInvokeAction(); // plain HTTP, the 101
        }
        synchronized (closes) {
            if (closes.ours == null) {
                if (frame.remaining() >= 2 && (frame.get(frame.position()) & 0xff) == CLOSE_FRAME_START) {
                    closes.tyrusClosed = true;
                }
            } else if (frame != closes.ours) {
                // Written as nothing, so that the writer's completion still comes.
                ctx.setMessage(Buffers.EMPTY_BUFFER);
            }
        }
        return ctx.getInvokeAction();
    }
}
