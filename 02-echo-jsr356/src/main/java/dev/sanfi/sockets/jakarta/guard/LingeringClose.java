package dev.sanfi.sockets.jakarta.guard;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * How the guard closes a connection after its own Close frame, so that the Close reaches the client.
 *
 * <p>Closing a socket that still has unread bytes makes the kernel send a TCP reset, and a reset can
 * destroy our Close before the client has read it; the client may well still be sending (the rest of
 * a message over the limit, say). So once the Close is written, only our direction is closed (a TCP
 * half-close: the client sees the end of the stream right after the Close, RFC 6455 §7.1.1), and the
 * guard keeps reading and discarding until the client hangs up or {@link #LINGER} has passed; then
 * the socket is closed. Nothing the client sends after our Close reaches Tyrus.
 */
public final class LingeringClose extends BaseFilter {

    /** After our Close, how long the client has to hang up before the socket is closed anyway. */
    public static final Duration LINGER = Duration.ofSeconds(2);

    private static final Attribute<Boolean> LINGERING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(LingeringClose.class.getName() + ".lingering");

    private final ScheduledExecutorService timer;

    public LingeringClose(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Our Close is about to be written: from now on, what the client sends is read and dropped. */
    void begin(Connection<?> connection) {
        LINGERING.set(connection, Boolean.TRUE);
    }

    /** Our Close is written: close our direction, and the socket at the client's hang-up or after the linger. */
    void afterClose(Connection<?> connection) {
        try {
            if (connection instanceof NIOConnection nio && nio.getChannel() instanceof SocketChannel channel) {
                channel.shutdownOutput();
            }
            timer.schedule(connection::closeSilently, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | RejectedExecutionException gone) {
            connection.closeSilently(); // the client is gone already, or the server is stopping
        }
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (Boolean.TRUE.equals(LINGERING.get(ctx.getConnection()))) {
            return ctx.getStopAction(); // read and dropped; Grizzly closes the socket at the client's EOF
        }
        return ctx.getInvokeAction();
    }
}
