package dev.sanfi.sockets.jetty;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's thread pool, sized for fairness between connections (chapter 6, "Fairness").
 *
 * <p>Jetty's default pool (up to 200 threads, some of them "reserved") lets a few busy WebSocket
 * connections starve the others. A connection that always has another frame waiting keeps its
 * thread in Jetty's read loop; with reserved threads, the thread that found a connection ready
 * runs it at once ("execute-produce-consume") while other ready connections wait for a free
 * thread; and a hundred runnable threads on two cores are time-sliced by the OS in slices that
 * add up to hundreds of milliseconds.
 *
 * <p>The count is per core the JVM may use: {@code availableProcessors()} honours {@code taskset}
 * and a container's CPU limit. A floor of 16 threads, two cores' worth, made a server pinned to
 * one core time-slice twice as many threads as it had a use for, and starve connections for
 * seconds (chapter 9 measures each server on one core).
 */
final class ServerThreads {

    /** A few threads per core: enough to keep every core busy, few enough to not time-slice. */
    private static final int THREADS_PER_CORE = 8;

    private ServerThreads() {
    }

    static QueuedThreadPool pool() {
        int threads = THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
        // min = max: the pool is there from the start, no thread is created in the middle of a burst.
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        // No reserved threads: every ready connection goes through the pool's FIFO queue
        // ("produce-execute-consume"), so each one waits its turn and none jumps the queue.
        pool.setReservedThreads(0);
        pool.setName("jetty-echo");
        return pool;
    }
}
