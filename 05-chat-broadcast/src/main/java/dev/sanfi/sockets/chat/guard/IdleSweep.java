package dev.sanfi.sockets.chat.guard;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;

/**
 * Applies the {@link IdleRule} to every open connection a few times per ping interval: a Ping after
 * silence, Close 1001 Going Away (RFC 6455 §7.4.1) at the idle timeout. What counts as hearing from
 * the peer is any frame at all ({@link GuardedChannel}), not only a Pong.
 *
 * <p>A peer that does not read may never reach the Close frame, queued behind what it has not read;
 * after {@code closeGrace} its socket is closed under it.
 */
final class IdleSweep {

    /** How often connections are looked at: a quarter of the ping interval, within these bounds. */
    private static final Duration MIN_TICK = Duration.ofMillis(25);
    private static final Duration MAX_TICK = Duration.ofSeconds(1);

    private final IdleRule rule;
    private final Duration closeGrace;
    private final ScheduledExecutorService timers;

    IdleSweep(IdleRule rule, Duration closeGrace, ScheduledExecutorService timers) {
        this.rule = rule;
        this.closeGrace = closeGrace;
        this.timers = timers;
    }

    void start(Supplier<Collection<WebSocket>> connections) {
        Duration quarter = rule.pingInterval().dividedBy(4);
        long tick = Math.max(MIN_TICK.toMillis(), Math.min(MAX_TICK.toMillis(), quarter.toMillis()));
        timers.scheduleWithFixedDelay(() -> sweep(connections.get()), tick, tick, TimeUnit.MILLISECONDS);
    }

    private void sweep(Collection<WebSocket> connections) {
        long now = System.nanoTime();
        for (WebSocket connection : connections) {
            if (!(connection instanceof WebSocketImpl impl) || !(impl.getChannel() instanceof GuardedChannel channel)
                    || !connection.isOpen()) {
                continue;
            }
            long heard = channel.lastHeardNanos();
            long pinged = Math.max(heard, channel.lastPingNanos());
            switch (rule.decide(Duration.ofNanos(now - heard), Duration.ofNanos(now - pinged))) {
                case PING -> {
                    channel.pinged(now);
                    connection.sendPing();
                }
                case CLOSE -> close(connection);
                case NOTHING -> {
                }
            }
        }
    }

    private void close(WebSocket connection) {
        connection.close(CloseFrame.GOING_AWAY, "idle timeout");
        timers.schedule(() -> {
            if (!connection.isClosed()) {
                connection.closeConnection(CloseFrame.GOING_AWAY, "idle timeout");
            }
        }, closeGrace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
