package dev.sanfi.sockets.jakarta;

import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's open sessions, so that stopping can say goodbye to each: Close 1001 Going Away
 * (RFC 6455 §7.4.1), then a grace period for the peers to answer. Stopping Tyrus's server alone
 * would drop the sockets, and clients would see 1006 Abnormal Closure.
 */
final class OpenSessions {

    private final Set<SessionWriter> open = ConcurrentHashMap.newKeySet();

    void add(SessionWriter session) {
        open.add(session);
    }

    void remove(SessionWriter session) {
        synchronized (this) {
            open.remove(session);
            notifyAll();
        }
    }

    /**
     * Sends {@code reason} to every open session and waits until all have closed, at most {@code grace}.
     *
     * @return true when every session closed within the grace period
     */
    boolean closeAll(CloseReason reason, Duration grace) throws InterruptedException {
        for (SessionWriter session : Set.copyOf(open)) {
            session.close(reason);
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
