package dev.sanfi.sockets.raw.io;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.Handshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of {@code --io selector}: a {@link Selector} over the listening channel and every
 * connection, all non-blocking. Each turn runs the tasks other threads posted (a stop), the timers
 * that are due ({@link Deadlines}), then waits in {@code select} until the next timer at most, and
 * hands each ready channel to its {@link ChannelSession}.
 *
 * <p>What the thread shell does with a blocked thread per connection, this loop does with state:
 * a connection costs its channel, its key and a few small objects, not a thread and its stack.
 */
final class SelectorLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorEchoServer.class);

    /** One buffer for every read: the core takes all bytes of a read at once, so none is kept per connection. */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    /** After the operating system refuses an accept (too many open files, say), wait this long before the next. */
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey listenerKey;
    private final ServerSettings settings;
    private final int maxConnections;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final Deadlines<ChannelSession> deadlines = new Deadlines<>();
    private final OpenSessions<ChannelSession> sessions = new OpenSessions<>();
    /** Work posted by other threads; run by the loop. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Sessions whose TLS holds bytes to read that no select will report; read on the next turn. */
    private final Set<ChannelSession> readAgain = new LinkedHashSet<>();

    /** For tests and logs: the largest output backlog of any connection so far, and a hook for each read pause. */
    private volatile long largestBacklog;
    private volatile LongConsumer onReadPaused = backlog -> { };

    private boolean stopping;
    private long stopDeadline;
    private boolean acceptPaused;
    private long acceptResumes;

    SelectorLoop(Selector selector, ServerSocketChannel listener, ServerSettings settings, int maxConnections)
            throws IOException {
        this.selector = selector;
        this.listener = listener;
        this.settings = settings;
        this.maxConnections = maxConnections;
        this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Stops, from any thread: no more accepts, Close 1001 to every open session, then at most
     * {@link Limits#SHUTDOWN_GRACE} for them to end; the loop then closes what is left and returns.
     */
    void stop() {
        tasks.add(() -> {
            long now = System.nanoTime();
            stopping = true;
            stopDeadline = now + Limits.SHUTDOWN_GRACE.toNanos();
            closeListener();
            for (ChannelSession session : sessions.closeAll()) {
                session.goAway(now);
            }
        });
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (true) {
                long now = System.nanoTime();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                deadlines.runDue(now, ChannelSession::onTimer);
                if (acceptPaused && now - acceptResumes >= 0 && listenerKey.isValid()) {
                    acceptPaused = false;
                    listenerKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                if (stopping && (sessions.isEmpty() || now - stopDeadline >= 0)) {
                    return;
                }
                select(now);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                readBuffered();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the selector loop failed; every connection is closed", e);
        } finally {
            for (ChannelSession session : sessions.snapshot()) {
                session.end();
            }
            closeListener();
            try {
                selector.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }
    }

    /** Waits for a ready channel, a posted task, or the next deadline, whichever comes first. */
    private void select(long now) throws IOException {
        if (!readAgain.isEmpty()) {
            selector.selectNow();   // bytes wait in a session already: look, but do not wait
            return;
        }
        OptionalLong next = deadlines.next();
        long wake = next.orElse(Long.MAX_VALUE);
        boolean timed = next.isPresent();
        if (stopping && (!timed || stopDeadline - wake < 0)) {
            wake = stopDeadline;
            timed = true;
        }
        if (acceptPaused && (!timed || acceptResumes - wake < 0)) {
            wake = acceptResumes;
            timed = true;
        }
        if (!timed) {
            selector.select();
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(wake - now + 999_999);     // round up: never wake just before it
        if (millis <= 0) {
            selector.selectNow();
        } else {
            selector.select(millis);
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key == listenerKey) {
            acceptAll();
            return;
        }
        ChannelSession session = (ChannelSession) key.attachment();
        long now = System.nanoTime();
        try {
            if (key.isWritable()) {
                session.onWritable(now);
            }
            if (key.isValid() && key.isReadable()) {
                session.onReadable(readBuffer, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("a connection failed unexpectedly; closing it", e);
            session.end();
        }
    }

    /** Reads the sessions that asked for it, once each; one that still holds bytes asks again. */
    private void readBuffered() {
        if (readAgain.isEmpty()) {
            return;
        }
        List<ChannelSession> due = new ArrayList<>(readAgain);
        readAgain.clear();
        long now = System.nanoTime();
        for (ChannelSession session : due) {
            try {
                session.onReadable(readBuffer, now);
            } catch (RuntimeException e) {
                LOG.warn("a connection failed unexpectedly; closing it", e);
                session.end();
            }
        }
    }

    /** A session holds bytes to read that the selector cannot see (TLS plaintext): read it on the next turn. */
    void readAgain(ChannelSession session) {
        readAgain.add(session);
    }

    /** Takes every connection waiting; over the limit, a short 503 (it fits in the socket's buffer), then close. */
    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                LOG.warn("accept failed: {}", e.toString());
                acceptPaused = true;
                acceptResumes = System.nanoTime() + ACCEPT_PAUSE_NANOS;
                listenerKey.interestOps(0);
                return;
            }
            if (channel == null) {
                return;
            }
            if (sessions.size() >= maxConnections) {
                refuseBusy(channel, settings.secure());
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.socket().setTcpNoDelay(true);      // a small echo must not wait for Nagle's algorithm
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                SessionChannel bytes = settings.secure() ? new TlsChannel(channel, settings.tls()) : new PlainChannel(channel);
                ChannelSession session = new ChannelSession(bytes, key, this, settings,
                        describe(channel.getRemoteAddress()), System.nanoTime());
                key.attach(session);
                sessions.add(session);
            } catch (IOException e) {
                LOG.debug("could not set up an accepted connection: {}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    /** Over TLS only the close: a 503 would need a TLS handshake first. */
    private static void refuseBusy(SocketChannel channel, boolean secure) {
        try (channel) {
            if (secure) {
                return;
            }
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(Handshake.refusal(503, "too many connections, try again later").bytes()));
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    void schedule(ChannelSession session, long at) {
        deadlines.schedule(session, at);
    }

    void ended(ChannelSession session) {
        sessions.remove(session);
        deadlines.cancel(session);
        readAgain.remove(session);
    }

    /** A connection's output backlog grew to {@code bytes}. */
    void backlogIs(long bytes) {
        if (bytes > largestBacklog) {
            largestBacklog = bytes;     // written by the loop thread only
        }
    }

    /** A connection stopped being read: {@code bytes} wait for its peer. */
    void readPaused(long bytes) {
        LOG.debug("a connection is not read while {} bytes wait for its peer", bytes);
        onReadPaused.accept(bytes);
    }

    long largestBacklog() {
        return largestBacklog;
    }

    void onReadPaused(LongConsumer hook) {
        onReadPaused = hook;
    }

    boolean isStopping() {
        return stopping;
    }

    private void closeListener() {
        listenerKey.cancel();
        closeQuietly(listener);
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
