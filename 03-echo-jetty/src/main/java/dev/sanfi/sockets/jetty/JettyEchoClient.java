package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The echo client on Jetty's {@link WebSocketClient}. Each connection has its own client (and so its
 * own HttpClient threads), started here and stopped by {@link #close()}: one console session, one
 * connection, nothing left running after it.
 */
public final class JettyEchoClient implements EchoClientSession {

    private static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    private final WebSocketClient client;
    private final Session session;

    private JettyEchoClient(WebSocketClient client, Session session) {
        this.client = client;
        this.session = session;
    }

    /** Connects with {@link ClientOptions#defaults()}: the JDK's trust store, no compression. */
    public static JettyEchoClient connect(URI uri, ClientEvents events) throws IOException {
        return connect(uri, ClientOptions.defaults(), events);
    }

    /**
     * Opens the connection; the opening handshake is complete when this returns.
     *
     * @throws IOException when the server cannot be reached, refuses the upgrade, or does not answer
     *                     within {@link Limits#HANDSHAKE_TIMEOUT}
     */
    public static JettyEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws IOException {
        WebSocketClient client = new WebSocketClient(httpClient(options));
        client.setConnectTimeout(Limits.HANDSHAKE_TIMEOUT.toMillis());
        client.setIdleTimeout(Limits.IDLE_TIMEOUT);
        // Jetty's client defaults to 64 KiB; accept what our servers may echo by default.
        client.setMaxTextMessageSize(Limits.MAX_MESSAGE_BYTES);
        client.setMaxBinaryMessageSize(Limits.MAX_MESSAGE_BYTES);
        client.setMaxFrameSize(Limits.MAX_MESSAGE_BYTES);
        client.setStopTimeout(0); // close() frees everything at once; the Close handshake is sendClose's job
        try {
            client.start();
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest(uri);
            if (options.deflate()) {
                upgrade.addExtensions(PERMESSAGE_DEFLATE); // Jetty's own extension (RFC 7692)
            }
            Session session = client.connect(new ClientEndpoint(events), upgrade)
                    .get(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new JettyEchoClient(client, session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopAfter(client, new InterruptedIOException("interrupted while connecting to " + uri));
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw stopAfter(client, cause instanceof IOException io ? io
                    : new IOException("cannot connect to " + uri + ": " + cause.getMessage(), cause));
        }
    }

    /**
     * The HTTP client under the WebSocket client, with its TLS for {@code wss://}: the trust given,
     * or the JDK's default trust store when none is; the host-name check of HTTPS (RFC 2818 §3.1,
     * RFC 6125) unless switched off. Jetty sends the host name as SNI (RFC 6066 §3) by itself.
     * The WebSocket client starts and stops it with itself.
     */
    private static HttpClient httpClient(ClientOptions options) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        if (options.trust() != null) {
            tls.setSslContext(options.trust());
        }
        tls.setEndpointIdentificationAlgorithm(options.verifyHostname() ? "HTTPS" : null);
        HttpClient http = new HttpClient();
        http.setSslContextFactory(tls);
        return http;
    }

    /** Stops a client whose connection failed; the failure is what the caller hears of. */
    private static IOException stopAfter(WebSocketClient client, IOException failure) {
        try {
            client.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    @Override
    public void sendText(String text) throws Exception {
        Callback.Completable sent = new Callback.Completable();
        session.sendText(text, sent);
        await(sent);
    }

    @Override
    public void sendBinary(byte[] data) throws Exception {
        Callback.Completable sent = new Callback.Completable();
        session.sendBinary(ByteBuffer.wrap(data), sent);
        await(sent);
    }

    @Override
    public void sendClose(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            session.disconnect();
        }
        stop(client);
    }

    private static void stop(WebSocketClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Jetty WebSocket client", e);
        }
    }

    /** Waits until the frame is written, so that "sent" means sent, and a failure reaches the caller. */
    private static void await(Callback.Completable sent) throws Exception {
        try {
            sent.get(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Hands every event to {@link ClientEvents}. Auto-demanding is right here, unlike on the server:
     * this endpoint sends nothing in reaction to a message, so reading on cannot pile up sends.
     * Public only because Jetty finds the listener methods through a public method-handle lookup.
     */
    public static final class ClientEndpoint implements Session.Listener.AutoDemanding {
        private final ClientEvents events;

        ClientEndpoint(ClientEvents events) {
            this.events = events;
        }

        @Override
        public void onWebSocketText(String message) {
            events.onText(message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            callback.succeed();
            events.onBinary(data);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            events.onError(cause);
        }

        /** Jetty reports 1006 when the connection ended without a Close frame, as ClientEvents wants. */
        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            callback.succeed();
            events.onClose(statusCode, reason == null ? "" : reason);
        }
    }
}
