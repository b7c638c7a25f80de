package dev.sanfi.sockets.jakarta.tuning;

import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler Tyrus keeps its sessions' timers on, which does not schedule a timer that can never
 * fire.
 *
 * <p>Tyrus restarts a session's idle timer on every message it receives and on every message it
 * sends: it cancels the timer and schedules a new one. With the idle timeout off (0, what Jakarta
 * calls "no timeout") it still schedules the new timer, with a delay of 0: twice per echo a task
 * that does nothing runs at once on one of the ten threads of Tyrus's own scheduler, and each time
 * a thread wakes up. On one core a profile of the echo put a tenth of its samples there, not
 * counting the thread switches. So the server gives Tyrus an idle timeout of {@link #NEVER} (the
 * guard's {@code Keepalive} is what closes a silent connection, with 1001), and this scheduler
 * answers a timer of that delay with a future that is never run nor queued: restarting a timer then
 * costs two small objects, no lock and no thread. Every other task is scheduled as usual, on one
 * thread.
 */
public final class SessionTimers extends ScheduledThreadPoolExecutor {

    /** An idle timeout that no session reaches: about a hundred years, in the milliseconds Tyrus counts. */
    public static final long NEVER = Duration.ofDays(36_500).toMillis();

    private static final AtomicInteger THREADS = new AtomicInteger();

    public SessionTimers() {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "jakarta-echo-timers-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (unit.toMillis(delay) >= NEVER) {
            return new NeverDue();
        }
        return super.schedule(command, delay, unit);
    }

    /** A timer that is never due: cancelling it is all that can happen to it. */
    private static final class NeverDue extends FutureTask<Void> implements ScheduledFuture<Void> {
        NeverDue() {
            super(() -> null);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return Long.MAX_VALUE;
        }

        @Override
        public int compareTo(Delayed other) {
            return other instanceof NeverDue ? 0 : 1;
        }
    }
}
