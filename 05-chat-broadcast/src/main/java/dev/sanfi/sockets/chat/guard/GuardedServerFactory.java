package dev.sanfi.sockets.chat.guard;

import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.CloseFrame;

/**
 * Java-WebSocket's hook for each accepted socket: the connection is the library's own
 * {@link WebSocketImpl}, its channel a {@link GuardedChannel}, and a deadline is set for the request
 * head (a slow-loris client that sends its upgrade a byte at a time never completes it; RFC 6455
 * §4.2.1 says what the head must hold, not how long it may take, so the bound is ours).
 */
final class GuardedServerFactory implements WebSocketServerFactory {

    private final int maxHeadBytes;
    private final long maxMessageBytes;
    private final Duration handshakeTimeout;
    private final ScheduledExecutorService timers;
    private final CloseLinger linger;

    GuardedServerFactory(int maxHeadBytes, long maxMessageBytes, Duration handshakeTimeout,
            ScheduledExecutorService timers, CloseLinger linger) {
        this.maxHeadBytes = maxHeadBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.handshakeTimeout = handshakeTimeout;
        this.timers = timers;
        this.linger = linger;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
        return new WebSocketImpl(adapter, draft);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
        return new WebSocketImpl(adapter, drafts);
    }

    /** Called on the selector thread right after accept, with the connection attached to the key. */
    @Override
    public ByteChannel wrapChannel(SocketChannel socket, SelectionKey key) {
        WebSocketImpl connection = (WebSocketImpl) key.attachment();
        GuardedChannel channel = new GuardedChannel(socket, connection, maxHeadBytes, maxMessageBytes, linger);
        channel.handshakeDeadline(timers.schedule(() -> {
            if (!channel.headComplete()) {
                // the library's own way to drop a connection: it frees the connection's buffers too
                connection.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timeout");
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS));
        return channel;
    }

    @Override
    public void close() {
        // the timers and the linger belong to ConnectionGuard, which ends them after the server
    }
}
