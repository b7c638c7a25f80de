package dev.sanfi.sockets.raw;

import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection's socket when its opening handshake is not done by the deadline, whatever its
 * thread is blocked in. For plain TCP a read timeout is enough ({@link HeadReader} gives each read
 * the time left); over TLS it is not: {@code startHandshake()}, or the read of one TLS record, does
 * many reads inside one call, each with the whole timeout again, so a client that trickles a byte at
 * a time could hold the thread for as long as it likes. One timer thread watches every connection
 * of a server.
 */
final class HandshakeDeadline implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer;

    HandshakeDeadline(String threadName) {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a handshake done in time leaves nothing queued
    }

    /** One connection's deadline; {@link #done()} once the handshake is complete. */
    final class Watch {
        private final ScheduledFuture<?> closing;
        private volatile boolean expired;

        private Watch(Socket socket, long deadlineNanos) {
            closing = timer.schedule(() -> {
                expired = true;
                WebSocketConnection.closeNow(socket); // the blocked read (or write) fails at once
            }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        /** The handshake is complete: the socket stays open. */
        void done() {
            closing.cancel(false);
        }

        /** Whether the deadline passed and closed the socket. */
        boolean expired() {
            return expired;
        }
    }

    /** Closes {@code socket} at {@code deadlineNanos} ({@link System#nanoTime()}) unless the watch is done first. */
    Watch watch(Socket socket, long deadlineNanos) {
        return new Watch(socket, deadlineNanos);
    }

    /** Stops the timer thread; sockets still watched stay as they are. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
