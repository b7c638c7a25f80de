package dev.sanfi.sockets.chat;

import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.guard.ConnectionGuard;
import dev.sanfi.sockets.common.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.java_websocket.WebSocket;

/**
 * The chat: the page on one port (JDK HTTP server), the WebSocket chat on another (Java-WebSocket),
 * started and stopped together; both over TLS ({@code https://}, {@code wss://}) when the settings
 * hold a certificate.
 */
public final class ChatServer implements AutoCloseable {

    private final PageServer page;
    private final ChatEndpoint endpoint;
    private final ScheduledExecutorService closer;
    private final ConnectionGuard guard;
    private final ClusterRoom<WebSocket> cluster;
    private boolean closed;

    private ChatServer(PageServer page, ChatEndpoint endpoint, ScheduledExecutorService closer, ConnectionGuard guard,
            ClusterRoom<WebSocket> cluster) {
        this.cluster = cluster;
        this.page = page;
        this.endpoint = endpoint;
        this.closer = closer;
        this.guard = guard;
    }

    /** Binds both ports and starts serving one room in memory; returns once both listen. */
    public static ChatServer start(ChatSettings settings) throws Exception {
        return start(settings, (ClusterSettings) null);
    }

    /**
     * As {@link #start(ChatSettings)}, but with {@code cluster} not null the room is the one every
     * node on that Redis shares; throws when Redis cannot be reached now.
     */
    public static ChatServer start(ChatSettings settings, ClusterSettings cluster) throws Exception {
        return start(settings, cluster, null);
    }

    /**
     * As {@link #start(ChatSettings, ClusterSettings)}, but with {@code authentication} not null a
     * member joins only with a valid token as its first message ({@code server --secret-file}).
     */
    public static ChatServer start(ChatSettings settings, ClusterSettings cluster, Authentication authentication) throws Exception {
        ClusterRoom<WebSocket> shared = cluster == null ? null
                : ClusterRoom.connect(cluster, Clock.systemUTC(), settings.messagesPerSecond(), settings.messageBurst());
        try {
            return serve(settings, shared, authentication);
        } catch (Exception e) {
            if (shared != null) {
                shared.close();
            }
            throw e;
        }
    }

    private static ChatServer serve(ChatSettings settings, ClusterRoom<WebSocket> cluster, Authentication authentication)
            throws Exception {
        PageServer page = PageServer.bind(settings.host(), settings.pagePort(), settings.tls());
        try {
            requireFree(settings.host(), settings.wsPort());
        } catch (IOException e) {
            page.stop();
            throw e;
        }
        ScheduledThreadPoolExecutor closer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chat-timers");
            thread.setDaemon(true);
            return thread;
        });
        closer.setRemoveOnCancelPolicy(true); // a handshake deadline is cancelled for almost every connection
        ConnectionGuard guard;
        try {
            guard = new ConnectionGuard(bounds(settings), settings.tls(), settings.deflate(), closer);
        } catch (IOException e) {
            closer.shutdownNow();
            page.stop();
            throw e;
        }
        ChatEndpoint endpoint = new ChatEndpoint(settings, page.port(), closer, guard, cluster, authentication);
        if (cluster != null) {
            cluster.start(endpoint::send);
        }
        try {
            endpoint.start();
            endpoint.awaitStarted();
        } catch (Exception e) {
            endpoint.shutdown(Duration.ofSeconds(1));
            closer.shutdownNow();
            guard.close();
            page.stop();
            throw e;
        }
        page.start(endpoint.getPort(), authentication != null);
        return new ChatServer(page, endpoint, closer, guard, cluster);
    }

    private static ConnectionGuard.Bounds bounds(ChatSettings settings) {
        return new ConnectionGuard.Bounds(Limits.MAX_HANDSHAKE_BYTES, settings.handshakeTimeout(), settings.maxFrameBytes(),
                settings.pingInterval(), settings.idleTimeout(), ChatLimits.SLOW_MEMBER_CLOSE_GRACE, ChatLimits.CLOSE_LINGER);
    }

    /**
     * Java-WebSocket binds on its own selector thread and reports a port in use as a logged stack
     * trace; trying the port here first turns that common case into one exception with one message.
     */
    private static void requireFree(String host, int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true); // as the library binds
            probe.bind(new InetSocketAddress(host, port));
        }
    }

    /** The page's port: {@code http://host:pagePort/} ({@code https://} with TLS). */
    public int pagePort() {
        return page.port();
    }

    /** The chat's port: {@code ws://host:wsPort/chat?name=NAME} ({@code wss://} with TLS). */
    public int wsPort() {
        return endpoint.getPort();
    }

    /**
     * For tests: stops as a node that dies would look to the rest of the cluster. Its Redis client
     * goes first, so none of its members' leaves reach Redis; then everything else closes.
     */
    synchronized void crash() {
        if (cluster != null) {
            cluster.abandon();
        }
        close();
    }

    /**
     * Stops the page, sends Close 1001 to every member, waits at most {@link Limits#SHUTDOWN_GRACE}
     * for their answers, then closes what is left and ends every thread. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        page.stop();
        try {
            endpoint.shutdown(Limits.SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closer.shutdownNow();
            try {
                guard.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (cluster != null) {
                cluster.close(); // after the endpoint: its members' leaves are written first
            }
        }
    }
}
