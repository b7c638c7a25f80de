package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.common.CloseCodes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;

/**
 * The server's live WebSocket connections, so that stopping can say goodbye to each: Close 1001
 * Going Away (RFC 6455 §7.4.1: "a server going down"), then a grace period for the peers to answer.
 * Stopping Tyrus and Grizzly alone would drop the sockets, and clients would see 1006 Abnormal Closure.
 */
public final class OpenSessions {

    private final Set<Connection<?>> open = ConcurrentHashMap.newKeySet();
    private final CloseOnce close;

    public OpenSessions(CloseOnce close) {
        this.close = close;
    }

    /** A connection has upgraded; it leaves this set when its socket closes. */
    @SuppressWarnings("unchecked") // Grizzly's close listener takes raw types
    public void add(Connection<?> connection) {
        open.add(connection);
        connection.addCloseListener((CloseListener<Closeable, CloseType>) (closed, type) -> remove(connection));
    }

    private void remove(Connection<?> connection) {
        synchronized (this) {
            open.remove(connection);
            notifyAll();
        }
    }

    /**
     * Sends Close 1001 to every live connection (none to one whose closing handshake has begun) and
     * waits until all have closed, at most {@code grace}.
     *
     * @return true when every connection closed within the grace period
     */
    public boolean closeAll(Duration grace) throws InterruptedException {
        for (Connection<?> connection : Set.copyOf(open)) {
            close.send(connection, CloseCodes.GOING_AWAY, "server stopping");
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }
}
