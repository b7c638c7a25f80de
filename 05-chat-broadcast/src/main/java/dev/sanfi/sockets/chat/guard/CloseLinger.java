package dev.sanfi.sockets.chat.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sockets whose Close frame has been sent but whose client has not answered yet (RFC 6455 §7.1.1:
 * the server closes TCP after the closing handshake). Our direction is already ended (FIN follows the
 * Close frame); one thread reads and drops what the client still sends, and closes each socket at
 * the client's Close, its end of stream, or after {@code grace}, whichever comes first. Reading until
 * then keeps the kernel from answering unread data with a reset, which would destroy the Close frame
 * the client has not read yet.
 */
final class CloseLinger implements AutoCloseable {

    private record Lingering(GuardedChannel channel, long deadlineNanos) {
    }

    private final Duration grace;
    private final Selector selector;
    private final Queue<Lingering> added = new ConcurrentLinkedQueue<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private final Thread thread;
    private volatile boolean stopped;

    CloseLinger(Duration grace) throws IOException {
        this.grace = grace;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "chat-close-linger");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends our direction now and closes the socket once the client is done, or after the grace. */
    void add(GuardedChannel channel) {
        try {
            channel.socket().shutdownOutput();
        } catch (IOException e) {
            closeQuietly(channel.socket());
            return;
        }
        if (stopped) {
            closeQuietly(channel.socket());
            return;
        }
        added.add(new Lingering(channel, System.nanoTime() + grace.toNanos()));
        selector.wakeup();
    }

    private void run() {
        try {
            while (!stopped) {
                register();
                selector.select(Math.max(1, nextDeadlineMillis()));
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (key.isValid() && key.isReadable() && drain((Lingering) key.attachment())) {
                        key.cancel();
                        closeQuietly(((Lingering) key.attachment()).channel().socket());
                    }
                }
                long now = System.nanoTime();
                for (SelectionKey key : selector.keys()) {
                    Lingering lingering = (Lingering) key.attachment();
                    if (key.isValid() && now - lingering.deadlineNanos() >= 0) {
                        key.cancel();
                        closeQuietly(lingering.channel().socket());
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector itself failed or was closed: close what is left below
        } finally {
            closeAll();
        }
    }

    private void register() {
        Lingering next;
        while ((next = added.poll()) != null) {
            try {
                next.channel().socket().register(selector, SelectionKey.OP_READ, next);
            } catch (IOException | RuntimeException e) {
                closeQuietly(next.channel().socket()); // already closed, or cannot be watched: closed now
            }
        }
    }

    /** Reads what is there; true when the socket can be closed (the client's Close or end of stream). */
    private boolean drain(Lingering lingering) {
        SocketChannel socket = lingering.channel().socket();
        try {
            for (int i = 0; i < 16; i++) { // a bounded share of this thread per wakeup
                scratch.clear();
                int n = socket.read(scratch);
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
                scratch.flip();
                if (lingering.channel().lingerRead(scratch)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset or broken: nothing left to protect
        }
    }

    private long nextDeadlineMillis() {
        long now = System.nanoTime();
        long next = grace.toNanos();
        for (SelectionKey key : selector.keys()) {
            next = Math.min(next, ((Lingering) key.attachment()).deadlineNanos() - now);
        }
        return Math.max(0, next / 1_000_000);
    }

    private void closeAll() {
        Lingering left;
        while ((left = added.poll()) != null) {
            closeQuietly(left.channel().socket());
        }
        try {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(((Lingering) key.attachment()).channel().socket());
            }
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            // closing anyway
        }
    }

    static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more can be done for a socket that fails to close
        }
    }

    /** Closes every lingering socket now and ends the thread. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        selector.wakeup();
        thread.join(grace.toMillis() + 1000);
    }
}
