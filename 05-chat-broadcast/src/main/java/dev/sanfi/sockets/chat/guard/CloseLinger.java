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
 *
 * <p>Over TLS the socket is not half-closed: a FIN without TLS's {@code close_notify} before it would
 * end the stream under TLS, and the client's Close still has to come in through the engine. The
 * client's frames are read through TLS until its Close, and only then does the engine send its
 * {@code close_notify} and the socket close (RFC 8446 §6.1); records of ours the engine still held
 * are written first.
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

    /** Ends our direction now (plain TCP) and closes the socket once the client is done, or after the grace. */
    void add(GuardedChannel channel) {
        if (!channel.isTls()) {
            try {
                channel.socket().shutdownOutput();
            } catch (IOException e) {
                closeQuietly(channel.socket());
                return;
            }
        }
        if (stopped) {
            channel.closeTransport();
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
                    Lingering lingering = (Lingering) key.attachment();
                    if (key.isValid() && (key.isReadable() || key.isWritable()) && drain(lingering)) {
                        key.cancel();
                        lingering.channel().closeTransport();
                    } else if (key.isValid()) {
                        key.interestOps(interest(lingering.channel()));
                    }
                }
                long now = System.nanoTime();
                for (SelectionKey key : selector.keys()) {
                    Lingering lingering = (Lingering) key.attachment();
                    if (key.isValid() && now - lingering.deadlineNanos() >= 0) {
                        key.cancel();
                        lingering.channel().closeTransport();
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
                next.channel().socket().register(selector, interest(next.channel()), next);
            } catch (IOException | RuntimeException e) {
                next.channel().closeTransport(); // already closed, or cannot be watched: closed now
            }
        }
    }

    /** Reads what is there; true when the socket can be closed (the client's Close or end of stream). */
    private boolean drain(Lingering lingering) {
        return lingering.channel().lingerDrain(scratch, 16); // a bounded share of this thread per wakeup
    }

    /** Read, and write too while TLS still holds records of ours. */
    private static int interest(GuardedChannel channel) {
        return SelectionKey.OP_READ | (channel.tlsWritePending() ? SelectionKey.OP_WRITE : 0);
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
            left.channel().closeTransport();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                ((Lingering) key.attachment()).channel().closeTransport();
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
