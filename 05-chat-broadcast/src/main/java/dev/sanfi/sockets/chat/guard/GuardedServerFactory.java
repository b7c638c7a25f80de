package dev.sanfi.sockets.chat.guard;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.java_websocket.SSLSocketChannel2;
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
 *
 * <p>With TLS it does what the library's {@code DefaultSSLWebSocketServerFactory} does — a server-side
 * {@link SSLEngine} for each socket in the library's {@link SSLSocketChannel2}, whose slow handshake
 * steps run on an executor — and puts the guard's channel on top of it, so that the guard reads what
 * TLS decrypted. The deadline then covers the TLS handshake too: the head cannot be complete before it.
 */
final class GuardedServerFactory implements WebSocketServerFactory {

    private final int maxHeadBytes;
    private final long maxMessageBytes;
    private final Duration handshakeTimeout;
    private final ScheduledExecutorService timers;
    private final CloseLinger linger;
    private final SSLContext tls;
    private final ExecutorService tlsTasks;

    /**
     * @param tls      the server's certificate and key, or null for plain ws://
     * @param tlsTasks runs the TLS engines' delegated tasks; null without TLS
     */
    GuardedServerFactory(int maxHeadBytes, long maxMessageBytes, Duration handshakeTimeout,
            ScheduledExecutorService timers, CloseLinger linger, SSLContext tls, ExecutorService tlsTasks) {
        this.tls = tls;
        this.tlsTasks = tlsTasks;
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
    public ByteChannel wrapChannel(SocketChannel socket, SelectionKey key) throws IOException {
        WebSocketImpl connection = (WebSocketImpl) key.attachment();
        SSLSocketChannel2 secure = null;
        if (tls != null) {
            SSLEngine engine = tls.createSSLEngine();
            engine.setUseClientMode(false);
            secure = new SSLSocketChannel2(socket, engine, tlsTasks, key);
        }
        GuardedChannel channel = new GuardedChannel(socket, secure, connection, maxHeadBytes, maxMessageBytes, linger);
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
