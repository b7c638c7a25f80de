package dev.sanfi.sockets.jetty.tuning;

import dev.sanfi.sockets.jetty.guard.InternalExtension;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * The echoes of one read in one socket write, where Jetty would write each by itself.
 *
 * <p>Jetty 12's API sends every message at once: one system call per echo, and on one core the
 * profile of the echo was two thirds system time. Jetty's core can collect frames and write them
 * together ("batch"), but its API no longer offers it, because something must then say when to
 * write. Here two pieces do it: an internal extension, {@code @write-batching}
 * ({@link BatchingExtension}), hands every data frame to Jetty's frame flusher as one to collect,
 * and the connection's socket end ({@link ReadEndFlush}) tells it to write what it collected when
 * a read finds no more bytes, so nothing waits for more input that may not come. Jetty's flusher
 * completes a collected frame's send at once, and writes its batch through the socket as any other
 * write, so a peer that does not read still stops the next send, and with it the next demand.
 *
 * <p>Only for plain connections without other extensions: under TLS the socket end is not the one
 * the WebSocket connection reads from, and permessage-deflate compresses what passes it; there the
 * frames go out one by one as before.
 */
public final class WriteBatching {

    private static final ExtensionConfig BATCHING = ExtensionConfig.parse(BatchingExtension.NAME);

    /**
     * Jetty's flusher collects a frame only if its payload is under a quarter of the output buffer,
     * 4 KiB by default: an echo of 1 KiB went out by itself. A buffer of 32 KiB collects frames under
     * 8 KiB, as 02-echo-jsr356's batching does; a larger frame saves no system call by being copied.
     * Jetty takes the buffer from its pool while frames are collected and gives it back when they
     * are written, so an idle connection holds none.
     */
    static final int OUTPUT_BUFFER_BYTES = 32 * 1024;

    private WriteBatching() {
    }

    /** A connector whose connections' socket ends flush collected frames when a read runs dry. */
    public static ServerConnector connector(Server server, ConnectionFactory... factories) {
        return new ServerConnector(server, factories) {
            @Override
            protected org.eclipse.jetty.io.SocketChannelEndPoint newEndPoint(java.nio.channels.SocketChannel channel,
                    org.eclipse.jetty.io.ManagedSelector selector, java.nio.channels.SelectionKey key) {
                ReadEndFlush endPoint = new ReadEndFlush(channel, selector, key, getScheduler());
                endPoint.setIdleTimeout(getIdleTimeout());
                return endPoint;
            }
        };
    }

    /** The output buffer that lets Jetty collect the echoes chapter 9 sends, up to 1 KiB and beyond. */
    public static void configure(ServerWebSocketContainer container) {
        container.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
    }

    /** Makes {@code @write-batching} known to the server's WebSocket components; before it starts. */
    public static void register(Server server) {
        InternalExtension.register(server, BatchingExtension.NAME, BatchingExtension.class);
    }

    /** The creator, with {@code @write-batching} added to an upgrade that negotiated no other extension. */
    public static WebSocketCreator on(WebSocketCreator creator) {
        return InternalExtension.adding(creator, BATCHING,
                negotiated -> negotiated.stream().allMatch(extension -> extension.getName().startsWith("@")));
    }
}
