package dev.sanfi.sockets.jakarta.guard;

import java.util.function.LongSupplier;

/**
 * When one connection's peer was last heard from: any bytes of any frame — a message, one fragment of
 * it, part of a frame, a Ping, a Pong. The idle timeout of contract §2 counts silence from here.
 *
 * <p>The {@link Keepalive} filter notes every read, because it sees every byte; the endpoint cannot, as
 * the container answers Pings and buffers fragments without telling it. The {@link SilenceWatch} reads it.
 */
final class LastHeard {

    private final LongSupplier clock;
    private volatile long nanos;

    /** @param clock {@link System#nanoTime} in the server; a clock the test moves in unit tests */
    LastHeard(LongSupplier clock) {
        this.clock = clock;
        this.nanos = clock.getAsLong();
    }

    /** Bytes from the peer arrived: its silence starts over. */
    void heard() {
        nanos = clock.getAsLong();
    }

    /** The clock's reading when the peer was last heard from (at first: when this was made). */
    long nanos() {
        return nanos;
    }

    /** The clock's reading now: the same clock as {@link #nanos()}. */
    long now() {
        return clock.getAsLong();
    }
}
