package dev.sanfi.sockets.exercises.ch10b;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Chapter 10b, exercise 3: a connection lasts as long as its token. Each authenticated connection
 * has one timer, set to its token's expiry; a fresh token moves it; at the expiry the connection is
 * closed with 1008 (RFC 6455 §7.4.1), as a connection with an expired token is refused.
 *
 * @param <C> how the transport names a connection; compared by identity
 */
public final class TokenExpiry<C> {

    static final String EXPIRED = "token expired";

    /** One connection's timer; the one in the map is the one that counts. */
    private final class Deadline implements Runnable {
        private final C connection;
        private volatile ScheduledFuture<?> timer;

        Deadline(C connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            if (deadlines.remove(connection, this)) { // not moved, not closed: it expires now
                close.accept(connection, EXPIRED);
            }
        }

        void cancel() {
            ScheduledFuture<?> set = timer;
            if (set != null) {
                set.cancel(false);
            }
        }
    }

    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final BiConsumer<C, String> close;
    private final Map<C, Deadline> deadlines = new ConcurrentHashMap<>();

    /** @param close closes a connection with 1008 and the reason given; called on a timer's thread */
    public TokenExpiry(Clock clock, ScheduledExecutorService timers, BiConsumer<C, String> close) {
        this.clock = clock;
        this.timers = timers;
        this.close = close;
    }

    /** The connection's token is valid until {@code expires}: it is closed then, unless a later call moves the time. */
    public void until(C connection, Instant expires) {
        Deadline next = new Deadline(connection);
        // In the map before its timer exists, as in the chat's AuthGate: however soon the timer runs, it finds itself.
        Deadline previous = deadlines.put(connection, next);
        if (previous != null) {
            previous.cancel();
        }
        long delay = Math.max(0, Duration.between(clock.instant(), expires).toMillis());
        next.timer = timers.schedule(next, delay, TimeUnit.MILLISECONDS);
        if (deadlines.get(connection) != next) {
            next.cancel(); // closed, or moved again, in the meantime
        }
    }

    /** The connection closed: no timer for it any more. */
    public void closed(C connection) {
        Deadline deadline = deadlines.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }
}
