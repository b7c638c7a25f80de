package dev.sanfi.sockets.jetty.guard;

import java.time.Duration;

/**
 * How long a peer has been silent, and what the keepalive does about it: pure logic, fed with the
 * number of frames received so far and the time, so that it can be tested without a socket.
 *
 * <p>The peer is heard when the count has grown since the last look. So the silence measured here
 * starts at the look that saw the last frame, never before the frame itself: it is never longer than
 * the real silence, and the peer is never dropped early, at worst one check period late.
 */
final class PeerSilence {

    /** What to do now. */
    enum Action { WAIT, PING, CLOSE }

    /** How many looks per interval: a frame is noticed at most a quarter of an interval late. */
    private static final int CHECKS_PER_INTERVAL = 4;

    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final long checkNanos;
    private long framesSeen;
    private long heardNanos;
    private boolean pinged;

    PeerSilence(Duration pingInterval, Duration idleTimeout, long framesSoFar, long nowNanos) {
        this.pingIntervalNanos = pingInterval.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.checkNanos = Math.max(1, Math.min(pingIntervalNanos, idleTimeoutNanos) / CHECKS_PER_INTERVAL);
        this.framesSeen = framesSoFar;
        this.heardNanos = nowNanos;
    }

    /**
     * Looks at the count of frames received: 1001 after the idle timeout of silence, one Ping after
     * the ping interval of silence (any frame, a Pong too, ends the silence).
     */
    Action look(long framesSoFar, long nowNanos) {
        if (framesSoFar != framesSeen) {
            framesSeen = framesSoFar;
            heardNanos = nowNanos;
            pinged = false;
        }
        long silent = nowNanos - heardNanos;
        if (silent >= idleTimeoutNanos) {
            return Action.CLOSE;
        }
        if (!pinged && silent >= pingIntervalNanos) {
            pinged = true;
            return Action.PING;
        }
        return Action.WAIT;
    }

    /** How long until the next look: the next deadline, or one check period if that comes first. */
    long nanosToNextLook(long nowNanos) {
        long deadline = heardNanos + (pinged ? idleTimeoutNanos : Math.min(pingIntervalNanos, idleTimeoutNanos));
        return Math.max(1, Math.min(checkNanos, deadline - nowNanos));
    }
}
