package dev.sanfi.sockets.jetty.tuning;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.AbstractExtension;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * {@code @write-batching}: an internal extension (its name starts with {@code @}, so it is neither
 * offered nor named in the 101) that asks Jetty's frame flusher to collect every data frame rather
 * than write it at once, and that writes what was collected when the connection's socket end says
 * a read has found nothing more ({@link ReadEndFlush}). Control frames pass as they are: Jetty
 * writes a Close, Ping or Pong at once, and what was collected before it with it.
 */
public final class BatchingExtension extends AbstractExtension {

    static final String NAME = "@write-batching";

    /** Whether frames were collected since the last flush. */
    private final AtomicBoolean collected = new AtomicBoolean();
    /** Resolved on the first frame: the socket end that calls back, or null if there is none (TLS). */
    private volatile Boolean flushable;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void sendFrame(OutgoingEntry entry) {
        if (!entry.getFrame().isControlFrame() && flushable()) {
            collected.set(true);
            entry = new OutgoingEntry.Builder(entry).batch(true).build();
        }
        nextOutgoingFrame(entry);
    }

    /** Writes what was collected; called on the thread whose read found no more bytes. */
    void readEnded() {
        if (collected.getAndSet(false)) {
            getCoreSession().flush(Callback.NOOP);
        }
    }

    private boolean flushable() {
        Boolean known = flushable;
        if (known == null) {
            WebSocketConnection connection = getCoreSession() instanceof WebSocketCoreSession session
                    ? session.getConnection() : null;
            known = connection != null && connection.getEndPoint() instanceof ReadEndFlush endPoint
                    && endPoint.callOnReadEnd(this::readEnded);
            flushable = known;
        }
        return known;
    }
}
