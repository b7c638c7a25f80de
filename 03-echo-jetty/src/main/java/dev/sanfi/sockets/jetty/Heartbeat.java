package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoProtocol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The keepalive of one session: pings the peer when it has been silent for the ping interval, and
 * closes the session with 1001 Going Away when it has sent no frame at all for the idle timeout.
 *
 * <p>Jetty pings nobody on its own, and its own idle timeout cannot do this job: it counts bytes
 * in both directions, so the server's own pings would keep a dead peer "busy" forever. Here only
 * what is <em>received</em> counts (a Pong too, so a live peer answering pings stays open).
 *
 * <p>One task at a time per session runs on Jetty's {@link Scheduler}; it wakes at the next
 * deadline, looks at the clock and re-arms itself. Receiving only writes a timestamp.
 */
final class Heartbeat implements Runnable {

    /** RFC 6455 §5.5.2: a Ping may carry application data; ours names what it is, for tcpdump readers. */
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap("keepalive".getBytes(StandardCharsets.US_ASCII));

    private final Scheduler scheduler;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final Session session;

    private volatile long lastFrameNanos = System.nanoTime();
    /** When we last pinged; only the scheduled task reads and writes it. */
    private long lastPingNanos = lastFrameNanos;
    private Scheduler.Task next;
    private boolean stopped;

    Heartbeat(Scheduler scheduler, Duration pingInterval, Duration idleTimeout, Session session) {
        this.scheduler = scheduler;
        this.pingIntervalNanos = pingInterval.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.session = session;
    }

    void start() {
        schedule(Math.min(pingIntervalNanos, idleTimeoutNanos));
    }

    /**
     * Any frame from the peer proves it is alive: a fragment of a message too, not only a whole
     * one, which is why {@code EchoEndpoint} receives messages fragment by fragment.
     */
    void receivedFromPeer() {
        lastFrameNanos = System.nanoTime();
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    @Override
    public void run() {
        if (!session.isOpen()) {
            return;
        }
        long now = System.nanoTime();
        long lastFrame = lastFrameNanos;
        long silent = now - lastFrame;
        if (silent >= idleTimeoutNanos) {
            // RFC 6455 §7.4.1: 1001 "going away" is the code for a server dropping a peer.
            session.close(CloseCodes.GOING_AWAY, "idle timeout", Callback.NOOP);
            return;
        }
        boolean pingedSinceLastFrame = lastPingNanos - lastFrame > 0;
        if (!pingedSinceLastFrame && silent >= pingIntervalNanos) {
            lastPingNanos = now;
            pingedSinceLastFrame = true;
            session.sendPing(PING_PAYLOAD.slice(), Callback.NOOP);
        }
        long idleDeadline = lastFrame + idleTimeoutNanos;
        long deadline = pingedSinceLastFrame ? idleDeadline : Math.min(lastFrame + pingIntervalNanos, idleDeadline);
        schedule(deadline - now);
    }

    private synchronized void schedule(long delayNanos) {
        if (!stopped) {
            next = scheduler.schedule(this, Math.max(delayNanos, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        }
    }
}
