package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * A Ping after {@code settings.pingInterval()} of silence from the peer, Close 1001 after
 * {@code settings.idleTimeout()} of silence (RFC 6455 §5.5.2; contract §2), where silence means no
 * byte of any frame: a message, one fragment, a Ping, a Pong all count as life.
 *
 * <p>Why below Tyrus, in Grizzly's filter chain: only here is every frame seen (Tyrus answers Pings
 * and buffers fragments without telling the endpoint), and only here can a timer thread send a Ping
 * without sharing a lock with the endpoint. The Jakarta specification does not allow two sends on a
 * session at once; Grizzly's write queue takes whole frames from any thread, and Tyrus writes each
 * frame in one piece, so a Ping lands between two frames, never inside one (§5.4 allows control
 * frames between fragments).
 */
public final class Keepalive extends BaseFilter {

    private static final Attribute<LastHeard> LAST_HEARD =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(Keepalive.class.getName() + ".lastHeard");

    private static final FrameWriter FRAMES = FrameWriter.forServer();

    private final ScheduledExecutorService timer;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final CloseOnce close;

    public Keepalive(ScheduledExecutorService timer, Duration pingInterval, Duration idleTimeout, CloseOnce close) {
        this.timer = timer;
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        this.close = close;
    }

    /** Starts watching a connection's silence; call once it has upgraded. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // Grizzly's write and close listener take raw types
    public void start(Connection connection) {
        LastHeard lastHeard = new LastHeard(System::nanoTime);
        LAST_HEARD.set(connection, lastHeard);
        SilenceWatch watch = new SilenceWatch(new SilenceWatch.Peer() {
            @Override
            public void ping(byte[] payload) {
                connection.write(Buffers.wrap(connection.getMemoryManager(), FRAMES.frame(Opcode.PING, payload)));
            }

            @Override
            public void goAway(String reason) {
                close.send(connection, CloseCodes.GOING_AWAY, reason);
            }
        }, timer, pingInterval, idleTimeout, lastHeard);
        connection.addCloseListener((CloseListener<Closeable, CloseType>) (closed, type) -> watch.stop());
        watch.start();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        LastHeard lastHeard = LAST_HEARD.get(ctx.getConnection());
        if (lastHeard != null) {
            lastHeard.heard(); // any bytes of any frame, even part of one
        }
        return ctx.getInvokeAction();
    }
}
