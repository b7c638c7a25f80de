package dev.sanfi.sockets.chat;

import java.time.Clock;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each message takes one.
 * The clock is injected so that tests can move time instead of waiting for it.
 *
 * <p>Not thread-safe: the {@link ChatRoom} that owns it is used under one lock.
 */
final class RateLimiter {

    private final Clock clock;
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    RateLimiter(Clock clock, int perSecond, int burst) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive: " + perSecond + ", " + burst);
        }
        this.clock = clock;
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /** Takes a token if there is one; false means the message is over the limit. */
    boolean tryAcquire() {
        long now = clock.millis();
        if (now > lastMillis) { // a clock that steps back refills nothing, and takes nothing away
            tokens = Math.min(burst, tokens + (now - lastMillis) * perMilli);
            lastMillis = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
