package dev.sanfi.sockets.raw.io;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo server of {@code server --io selector}: the same protocol core as the thread shell
 * ({@code RawEchoServer}), under a second I/O model, one {@link SelectorLoop} thread for the
 * listening socket and every connection, on non-blocking channels.
 *
 * <p>Where the thread shell holds a platform thread (and its stack) per connection and so stops at
 * 1000, this one holds state only, so it is limited by {@link #MAX_CONNECTIONS} and the process's
 * open-file limit. What changes is the loop; every protocol rule is {@code raw.protocol}'s.
 */
public final class SelectorEchoServer implements EchoServer {

    /** Connections served at once; more are answered {@code 503 Service Unavailable}. */
    public static final int MAX_CONNECTIONS = 20_000;

    /** Connections the operating system may queue before we accept them. */
    private static final int ACCEPT_BACKLOG = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SelectorEchoServer.class);

    private final InetSocketAddress address;
    private final SelectorLoop loop;
    private final Thread thread;
    /** Guarded by this. */
    private boolean closed;

    private SelectorEchoServer(InetSocketAddress address, SelectorLoop loop) {
        this.address = address;
        this.loop = loop;
        this.thread = new Thread(loop, "raw-echo-selector-" + address.getPort());
        this.thread.setDaemon(true);
    }

    /** Starts a server; it is listening when this returns. */
    public static SelectorEchoServer start(ServerSettings settings) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        Selector selector = null;
        try {
            listener.bind(new InetSocketAddress(settings.host(), settings.port()), ACCEPT_BACKLOG);
            listener.configureBlocking(false);
            selector = Selector.open();
            SelectorLoop loop = new SelectorLoop(selector, listener, settings, MAX_CONNECTIONS);
            SelectorEchoServer server = new SelectorEchoServer((InetSocketAddress) listener.getLocalAddress(), loop);
            server.thread.start();
            return server;
        } catch (IOException | RuntimeException e) {
            listener.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    /** The largest number of bytes that waited to be written to one connection so far (for tests and measurements). */
    long largestBacklog() {
        return loop.largestBacklog();
    }

    /** Called on the loop thread each time a connection stops being read because its peer does not read (for tests). */
    void onReadPaused(java.util.function.LongConsumer hook) {
        loop.onReadPaused(hook);
    }

    /**
     * Stops accepting, sends Close 1001 to every open session, waits at most
     * {@link Limits#SHUTDOWN_GRACE} for them to end, then closes whatever is left: the loop does it
     * all, and this waits for the loop's thread to end.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loop.stop();
        try {
            thread.join(Limits.SHUTDOWN_GRACE.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped listening on {}", address);
    }
}
