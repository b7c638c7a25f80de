package dev.sanfi.sockets.spring.guard;

import java.time.Duration;

/**
 * Whether a session is due a Ping: pure logic, fed with the times the peer was heard and the time of
 * each look, so that it can be tested without a socket or a clock.
 *
 * <p>One Ping per silence of the ping interval: after a Ping, the next comes only once the peer has
 * been heard again and then gone silent again. Closing a silent peer is not decided here: Tomcat's
 * read idle timeout does it, counting every byte the peer sends (see {@link Keepalive}).
 */
final class PeerSilence {

    private final long pingIntervalNanos;
    private long heardNanos;
    private boolean pinged;

    PeerSilence(Duration pingInterval, long nowNanos) {
        this.pingIntervalNanos = pingInterval.toNanos();
        this.heardNanos = nowNanos;
    }

    /** The peer sent something: a message or a Pong. */
    synchronized void heard(long nowNanos) {
        heardNanos = nowNanos;
        pinged = false;
    }

    /** Whether to ping now: once, when the peer has been silent for the ping interval. */
    synchronized boolean pingDue(long nowNanos) {
        if (!pinged && nowNanos - heardNanos >= pingIntervalNanos) {
            pinged = true;
            return true;
        }
        return false;
    }
}
