package dev.sanfi.sockets.chat.guard;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import javax.net.ssl.SSLContext;

/**
 * What a Java-WebSocket server needs on top of the library to be as bounded as the echo servers: a
 * request head limit and deadline, message limits that bite at once, a Close for every failure, an
 * idle timeout that any frame resets, and TCP closed after the closing handshake. One object per
 * server; {@link #close()} after the server has stopped.
 *
 * <p>How a server uses it: {@link #draft()} as its only draft, {@link #factory()} as its
 * {@code WebSocketServerFactory}, {@link #accepted} in {@code onWebsocketHandshakeReceivedAsServer},
 * {@link #watch} once started — and the library's own lost-connection timer off.
 */
public final class ConnectionGuard implements AutoCloseable {

    /**
     * The bounds, each in the units of its rule.
     *
     * @param maxHeadBytes     the request head's limit (431 past it)
     * @param handshakeTimeout the request head must be complete within this
     * @param maxMessageBytes  a message (however fragmented) past this gets Close 1009
     * @param pingInterval     silence this long gets a Ping
     * @param idleTimeout      silence this long gets Close 1001
     * @param closeGrace       after a Close frame is queued, how long before the socket is closed regardless
     * @param closeLinger      after our Close is written, how long to wait for the client's
     */
    public record Bounds(int maxHeadBytes, Duration handshakeTimeout, int maxMessageBytes, Duration pingInterval,
            Duration idleTimeout, Duration closeGrace, Duration closeLinger) {
        public Bounds {
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(closeGrace, "closeGrace");
            Objects.requireNonNull(closeLinger, "closeLinger");
            new IdleRule(pingInterval, idleTimeout); // checks the two
        }
    }

    private final Bounds bounds;
    private final CloseLinger linger;
    private final GuardedServerFactory factory;
    private final IdleSweep sweep;
    private final StrandedWrites strandedWrites;
    /** The TLS engines' slow handshake steps (key exchange, signature), off the selector thread; null without TLS. */
    private final ExecutorService tlsTasks;
    private final boolean deflate;

    /** A guard for plain ws://, without compression. */
    public ConnectionGuard(Bounds bounds, ScheduledExecutorService timers) throws IOException {
        this(bounds, null, false, timers);
    }

    /**
     * @param tls     the server's certificate and key for wss://, or null for plain ws://
     * @param deflate whether permessage-deflate is accepted when a client offers it
     * @param timers  runs the deadlines and the idle sweep; owned by the caller
     */
    public ConnectionGuard(Bounds bounds, SSLContext tls, boolean deflate, ScheduledExecutorService timers)
            throws IOException {
        this.bounds = bounds;
        this.deflate = deflate;
        this.linger = new CloseLinger(bounds.closeLinger());
        this.tlsTasks = tls == null ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "chat-tls-tasks");
            thread.setDaemon(true);
            return thread;
        });
        this.factory = new GuardedServerFactory(bounds.maxHeadBytes(), bounds.maxMessageBytes(),
                bounds.handshakeTimeout(), timers, linger, tls, tlsTasks);
        this.sweep = new IdleSweep(new IdleRule(bounds.pingInterval(), bounds.idleTimeout()), bounds.closeGrace(), timers);
        this.strandedWrites = new StrandedWrites(timers);
    }

    /**
     * RFC 6455 with the guard's frame decisions, and permessage-deflate when asked for; the library
     * copies it for each connection.
     */
    public Draft draft() {
        return new GuardedDraft(bounds.maxMessageBytes(), deflate);
    }

    public WebSocketServerFactory factory() {
        return factory;
    }

    /** Joins the connection's copy of the draft to its channel; from {@code onWebsocketHandshakeReceivedAsServer}. */
    public void accepted(WebSocket connection, Draft draft) {
        GuardedDraft.attach(draft, connection);
    }

    /**
     * Starts pinging and closing idle connections among those the supplier lists, and giving back
     * write interest to those whose frames the library left queued ({@link StrandedWrites}).
     *
     * @param writeDemand the server's {@code onWriteDemand}
     */
    public void watch(Supplier<Collection<WebSocket>> connections, Consumer<WebSocket> writeDemand) {
        sweep.start(connections);
        strandedWrites.start(connections, writeDemand);
    }

    /** Closes the sockets still lingering and ends the linger thread and the TLS tasks' thread. */
    @Override
    public void close() throws InterruptedException {
        linger.close();
        if (tlsTasks != null) {
            tlsTasks.shutdownNow();
            tlsTasks.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
