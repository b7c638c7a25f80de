package dev.sanfi.sockets.jakarta.guard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one connection honest: a Ping after {@code pingInterval} of silence (RFC 6455 §5.5.2), Close
 * 1001 Going Away after {@code idleTimeout} of silence (§7.4.1).
 *
 * <p>The specification leaves both to the container, and Tyrus's own knobs do something else: its
 * {@code setMaxIdleTimeout} closes with 1000 Normal Closure, and its heartbeat sends unsolicited Pongs,
 * which tell the peer we are alive but never ask whether the peer is. So the server keeps its own watch.
 *
 * <p>Silence is measured from {@link LastHeard}, which the {@link Keepalive} filter updates on every
 * frame byte the peer sends — also the Pings the container answers alone and the fragments it buffers,
 * which the endpoint never sees.
 */
final class SilenceWatch {

    /** Where the watch's Ping and Close go. */
    interface Peer {
        /** RFC 6455 §5.5.2: a Ping's payload is at most 125 bytes; the peer answers with a Pong carrying it. */
        void ping(byte[] payload);

        /** Close 1001 Going Away with this reason. */
        void goAway(String reason);
    }

    /** What our Pings carry; the peer's Pong echoes it (RFC 6455 §5.5.3). */
    private static final byte[] PING_PAYLOAD = "keepalive".getBytes(StandardCharsets.US_ASCII);

    private final Peer peer;
    private final ScheduledExecutorService timer;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final LastHeard lastHeard;

    /** The start of the silence our last Ping was sent in: one Ping per silence. */
    private long pingedSilenceStart;
    private boolean pinged;
    private ScheduledFuture<?> next;
    private boolean stopped;

    /**
     * @param lastHeard when the peer last sent any bytes of any frame: the silence is counted from there,
     *                  for the Ping and for the idle close alike
     */
    SilenceWatch(Peer peer, ScheduledExecutorService timer, Duration pingInterval, Duration idleTimeout,
                 LastHeard lastHeard) {
        this.peer = peer;
        this.timer = timer;
        this.pingIntervalNanos = pingInterval.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.lastHeard = lastHeard;
    }

    /** Starts watching; call once, after the session is open. */
    synchronized void start() {
        schedule(Math.min(pingIntervalNanos, idleTimeoutNanos));
    }

    /** The session is closed: no more timers. */
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** One look at the silence: close, ping, or nothing; then the next look when something is due. */
    void check() {
        // The clock first, then the start: a frame heard in between shortens the silence, never goes missing.
        long now = lastHeard.now();
        long silenceStart = lastHeard.nanos();
        long silent = now - silenceStart;
        if (silent >= idleTimeoutNanos) {
            peer.goAway("idle for " + idleTimeoutNanos / 1_000_000 + " ms");
            stop();
            return;
        }
        boolean pingedInThisSilence = pinged && pingedSilenceStart == silenceStart;
        if (silent >= pingIntervalNanos && !pingedInThisSilence) {
            pinged = true;
            pingedSilenceStart = silenceStart;
            pingedInThisSilence = true;
            peer.ping(PING_PAYLOAD.clone());
        }
        long untilIdle = idleTimeoutNanos - silent;
        long untilPing = pingedInThisSilence ? Long.MAX_VALUE : pingIntervalNanos - silent;
        synchronized (this) {
            if (!stopped) {
                schedule(Math.max(Math.min(untilIdle, untilPing), TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }
    }

    private void schedule(long delayNanos) {
        try {
            next = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true; // the server is stopping; it closes this session itself
        }
    }
}
