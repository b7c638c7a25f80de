package dev.sanfi.sockets.jetty.tuning;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.AbstractExtension;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.WebSocketComponents;

/**
 * {@code @fair-turns}: an internal extension (its name starts with {@code @}, so it is neither
 * offered nor named in the 101) that ends a connection's turn on a pool thread after
 * {@link #FRAMES_PER_TURN} data frames: the next frame is handed to the back of the pool's queue,
 * behind every other connection that is waiting, and the thread goes on with the one in front.
 *
 * <p>Jetty's read loop runs a connection for as long as a read finds bytes. Echoes that
 * {@link BatchingExtension} collects leave only when a read runs dry, so the peer cannot answer
 * them first; but a frame too large to collect leaves at once, the peer answers while the loop is
 * still busy, and the next read finds bytes again. With 8 KiB text messages on one core, such
 * connections kept the eight pool threads: one connection got 20 echoes in ten seconds, another
 * 16,108, and the slowest echo took 7.1 s. A turn starts when a thread takes a frame of another
 * connection than the one it served last, so a connection whose read runs dry before its 16th
 * frame, as with small messages, never has its frames handed on.
 *
 * <p>Frames reach this extension one at a time per connection (the endpoint demands the next one
 * after its echo), so the count needs no lock; the pool's hand-off orders it between threads.
 */
public final class TurnExtension extends AbstractExtension {

    static final String NAME = "@fair-turns";

    /** Data frames one connection may have handled on a thread before it gives the thread up. */
    static final int FRAMES_PER_TURN = 16;

    /** The connection each thread handled a frame of last: a frame of another one starts a new turn. */
    private static final ThreadLocal<TurnExtension> LAST_SERVED = new ThreadLocal<>();

    private Executor executor;
    private int framesThisTurn;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void init(ExtensionConfig config, WebSocketComponents components) {
        super.init(config, components);
        executor = components.getExecutor();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (LAST_SERVED.get() != this) {
            LAST_SERVED.set(this);
            framesThisTurn = 0;
        }
        if (frame.isDataFrame() && ++framesThisTurn > FRAMES_PER_TURN) {
            LAST_SERVED.remove();                       // whichever thread takes the frame starts a turn
            getCoreSession().flush(Callback.NOOP);      // the echoes collected so far go out now
            try {
                executor.execute(() -> nextIncomingFrame(frame, callback));
                return;
            } catch (RejectedExecutionException stopping) {
                // the pool is stopping with the server: the frame is handled here, as without turns
            }
        }
        nextIncomingFrame(frame, callback);
    }
}
