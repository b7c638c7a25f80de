package dev.sanfi.sockets.chat.guard;

import java.time.Duration;

/**
 * What to do with a connection from which nothing has been heard for a while: a Ping after each
 * {@code pingInterval} of silence (RFC 6455 §5.5.2: a Pong, or any other frame, shows the peer is
 * there), and a Close 1001 Going Away (§7.4.1) once the silence reaches {@code idleTimeout}.
 *
 * <p>Java-WebSocket's own lost-connection timer counts only Pongs, and drops a connection without a
 * Close frame. Pure: durations in, an action out.
 */
public final class IdleRule {

    public enum Action { NOTHING, PING, CLOSE }

    private final Duration pingInterval;
    private final Duration idleTimeout;

    public IdleRule(Duration pingInterval, Duration idleTimeout) {
        if (pingInterval.isNegative() || pingInterval.isZero() || pingInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("the ping interval must be positive and shorter than the idle timeout; were "
                    + pingInterval + " and " + idleTimeout);
        }
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
    }

    /**
     * @param sinceHeard  how long since the peer's last frame (or since the connection opened)
     * @param sincePinged how long since our last Ping, or since the peer's last frame if that is later
     */
    public Action decide(Duration sinceHeard, Duration sincePinged) {
        if (sinceHeard.compareTo(idleTimeout) >= 0) {
            return Action.CLOSE;
        }
        if (sincePinged.compareTo(pingInterval) >= 0) {
            return Action.PING;
        }
        return Action.NOTHING;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }
}
