package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;

/**
 * A reference echo server that nobody in this project wrote: Java-WebSocket's {@link WebSocketServer}
 * with as little of our own as an echo needs. It is the column of the interop table that checks the
 * promise "every module's client talks to any RFC 6455 echo server at any path" against a server
 * whose code the clients never shared.
 *
 * <p>What it is, and what it is not, compared to the echo contract of the modules:
 * <ul>
 *   <li>any request target is upgraded — the library has no routing — and each one is recorded, so
 *       that a test can see the path and query a client really asked for;</li>
 *   <li>RFC 6455 ({@link Draft_6455}) with the maximum frame size set to {@code maxMessageBytes}:
 *       a larger frame, or a fragmented message that grows past it, is failed with Close 1009 (the
 *       library's default limit is {@code Integer.MAX_VALUE}); no extension, unless the settings
 *       ask for permessage-deflate, which is then the library's {@link PerMessageDeflateExtension}
 *       (whose limit is the frame's compressed size, not the inflated message's);</li>
 *   <li>TLS when the settings have it: the library's {@link DefaultSSLWebSocketServerFactory}
 *       with the settings' {@code SSLContext};</li>
 *   <li>a Close from the client is answered with a Close with the same code and reason, and a Ping
 *       with a Pong with the same payload: both are the library's own behaviour, nothing here;</li>
 *   <li>no page at {@code GET /}, no origin check, no idle timeout: the library's defaults (its
 *       lost-connection pinger every 60 s) stay as they are.</li>
 * </ul>
 */
final class ReferenceEchoServer implements EchoServer {

    private final Endpoint endpoint;
    private final String host;
    private boolean closed;

    private ReferenceEchoServer(Endpoint endpoint, String host) {
        this.endpoint = endpoint;
        this.host = host;
    }

    /**
     * Binds {@code settings.host()} and {@code settings.port()} (0 takes a free port) and returns once
     * the server listens. Only the host, the port, the message limit, TLS and deflate of the
     * settings apply.
     */
    static ReferenceEchoServer start(ServerSettings settings) throws Exception {
        Endpoint endpoint = new Endpoint(settings);
        if (settings.secure()) {
            endpoint.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(settings.tls()));
        }
        endpoint.start();
        try {
            endpoint.awaitStarted();
        } catch (Exception e) {
            endpoint.stop(0);
            throw e;
        }
        return new ReferenceEchoServer(endpoint, settings.host());
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(host, endpoint.getPort());
    }

    /** Every request target ({@code /path?query}) the server upgraded, in the order of the upgrades. */
    List<String> requestTargets() {
        return Collections.unmodifiableList(endpoint.targets);
    }

    /**
     * Close 1001 to every open connection, up to {@link Limits#SHUTDOWN_GRACE} for the closing
     * handshakes, then the library closes the rest and ends its selector and worker threads.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endpoint.stop((int) Limits.SHUTDOWN_GRACE.toMillis(), "server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The library's server: the echo in two lines, and the bookkeeping the tests need. */
    private static final class Endpoint extends WebSocketServer {
        private final List<String> targets = new CopyOnWriteArrayList<>();
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile Exception startFailure;

        Endpoint(ServerSettings settings) {
            super(new InetSocketAddress(settings.host(), settings.port()),
                    List.of(new Draft_6455(settings.deflate() ? List.of(new PerMessageDeflateExtension()) : List.of(),
                            settings.maxMessageBytes())));
            setDaemon(true);
        }

        void awaitStarted() throws Exception {
            if (!started.await(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the reference server did not start within "
                        + Limits.HANDSHAKE_TIMEOUT.toSeconds() + " s");
            }
            if (startFailure != null) {
                throw startFailure;
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            targets.add(handshake.getResourceDescriptor());
        }

        @Override
        public void onMessage(WebSocket connection, String text) {
            connection.send(text);
        }

        @Override
        public void onMessage(WebSocket connection, ByteBuffer data) {
            connection.send(data);
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        }

        /** With no connection, the server itself failed: it could not bind, or its selector broke. */
        @Override
        public void onError(WebSocket connection, Exception error) {
            if (connection == null) {
                startFailure = error;
                started.countDown();
            }
        }
    }
}
