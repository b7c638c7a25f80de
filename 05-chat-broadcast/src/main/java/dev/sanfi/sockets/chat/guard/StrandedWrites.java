package dev.sanfi.sockets.chat.guard;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;

/**
 * No frame stays queued for ever: a few times a second, every connection that still has frames
 * waiting to be written is given its write interest again.
 *
 * <p>Why: in Java-WebSocket 1.6 only the selector thread writes, and after a write step that found
 * its queue empty it sets the socket back to read-only. A worker thread that queues a frame in the
 * instant between that check and that reset has its request for write interest overwritten, and the
 * frame waits until something else asks for a write. For a broadcast, the next message does; for a
 * Close — the connection's last frame, RFC 6455 §5.5.1 — nothing does, and the peer never gets it.
 * {@link GuardedChannel} keeps write interest for the Closes it sees coming; this covers the others
 * (the library's own protocol failures, the idle 1001, the slow member's 1008) and any last message.
 *
 * <p>Over TLS a frame can strand one step further down: the library's write step counts a frame as
 * written once TLS has taken it, though the TLS records made of it may still wait in the engine for a
 * socket that was full, and then drops write interest all the same. Those connections get it back too.
 */
final class StrandedWrites {

    /** How long a stranded frame may wait at most. */
    static final Duration TICK = Duration.ofMillis(200);

    private final ScheduledExecutorService timers;

    StrandedWrites(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /**
     * @param connections the server's connections
     * @param writeDemand the server's own way to ask for write interest ({@code WebSocketServer.onWriteDemand})
     */
    void start(Supplier<Collection<WebSocket>> connections, Consumer<WebSocket> writeDemand) {
        timers.scheduleWithFixedDelay(() -> {
            for (WebSocket connection : connections.get()) {
                if (connection instanceof WebSocketImpl impl && !connection.isClosed() && (impl.hasBufferedData()
                        || impl.getChannel() instanceof GuardedChannel channel && channel.tlsWritePending())) {
                    writeDemand.accept(connection);
                }
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
}
