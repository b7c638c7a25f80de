package dev.sanfi.sockets.exercises.ch4;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * Chapter 4, exercise 2: measure the round trip with a Ping. The payload is ours to choose (up to
 * 125 bytes) and comes back unchanged in the Pong (§5.5.2), so it carries the time the Ping left;
 * a Pong that carries anything else — an unsolicited one (§5.5.3), or the answer to an older Ping —
 * measures nothing. The clock is passed in ({@code System.nanoTime()} in real use).
 */
public final class PingClock {

    private long sentAt;
    private boolean waiting;

    /** The payload of the next Ping, sent at {@code now}: the time, as 8 bytes. */
    public byte[] ping(long now) {
        sentAt = now;
        waiting = true;
        return ByteBuffer.allocate(Long.BYTES).putLong(now).array();
    }

    /** The round trip, if this Pong answers our latest Ping. */
    public Optional<Duration> pong(byte[] payload, long now) {
        if (!waiting || payload.length != Long.BYTES || ByteBuffer.wrap(payload).getLong() != sentAt) {
            return Optional.empty();
        }
        waiting = false;
        return Optional.of(Duration.ofNanos(now - sentAt));
    }
}
