package dev.sanfi.sockets.jetty;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The sessions of the server, open or about to open, so that a stopping server can say goodbye to
 * each of them.
 *
 * <p>Stopping Jetty with open sessions just drops their TCP connections: the peers see 1006 (no
 * Close frame). RFC 6455 §7.4.1 has a code for this, 1001 Going Away. A session counts from the
 * moment {@link EchoCreator} accepts its upgrade, not only once open: the client may already hold
 * its 101 while Jetty has not yet called {@code onWebSocketOpen}.
 */
final class OpenSessions {

    private final Set<Session> open = new HashSet<>();
    private int upgrading;
    private boolean closing;

    /** An upgrade is accepted; false when the server is stopping and it must be refused. */
    synchronized boolean upgradeAccepted() {
        if (closing) {
            return false;
        }
        upgrading++;
        return true;
    }

    /** The session is open; false when the server is stopping: the caller must close it with 1001. */
    synchronized boolean opened(Session session) {
        upgrading--;
        open.add(session);
        return !closing;
    }

    /** The session closed; or, when {@code wasOpen} is false, its upgrade failed before it opened. */
    synchronized void closed(Session session, boolean wasOpen) {
        if (wasOpen) {
            open.remove(session);
        } else {
            upgrading--;
        }
        notifyAll();
    }

    synchronized int size() {
        return open.size() + upgrading;
    }

    /**
     * Refuses new upgrades, sends Close with {@code code} to every open session, then waits up to
     * {@code grace} for every session to be closed (those still opening close themselves).
     *
     * @return true when every session closed in time
     */
    boolean closeAll(int code, String reason, Duration grace) throws InterruptedException {
        List<Session> now;
        synchronized (this) {
            closing = true;
            now = List.copyOf(open);
        }
        for (Session session : now) {
            session.close(code, reason, Callback.NOOP);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (!open.isEmpty() || upgrading > 0) {
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
