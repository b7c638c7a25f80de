package dev.sanfi.sockets.jakarta.guard;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * Closes a connection that has not completed a WebSocket upgrade within {@code settings.handshakeTimeout()}:
 * a client that opens sockets and sends its request one byte a minute (slow loris) must not hold them
 * forever. RFC 6455 sets no time limit on the opening handshake; contract §2 does. Grizzly has no
 * timer for a request head, and Tyrus none at all.
 */
public final class HandshakeDeadline extends BaseFilter {

    private final ScheduledExecutorService timer;
    private final Duration timeout;

    public HandshakeDeadline(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeout = timeout;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        try {
            timer.schedule(() -> {
                if (!RequestCheck.upgraded(connection)) {
                    connection.closeSilently();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            connection.closeSilently(); // the server is stopping
        }
        return ctx.getInvokeAction();
    }
}
