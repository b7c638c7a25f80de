package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The echo client on Spring's {@code StandardWebSocketClient}: the same {@code WebSocketHandler}
 * API as the server, over a Jakarta WebSocket client container. The container is Tomcat's, named
 * here rather than found by {@code ContainerProvider}, so that a class path that also holds Tyrus's
 * client (interop's does) cannot change which one connects; one container per connection, so that
 * {@link #close()} frees its threads too.
 */
public final class SpringEchoClient implements EchoClientSession {

    private final WsWebSocketContainer container;
    private final WebSocketSession session;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SpringEchoClient(WsWebSocketContainer container, WebSocketSession session) {
        this.container = container;
        this.session = session;
    }

    /**
     * Connects and finishes the opening handshake within {@link Limits#HANDSHAKE_TIMEOUT}. For
     * {@code wss://} the server's certificate is judged by {@code options.trust()} (the JDK's trust
     * store when null), and its host name is checked (RFC 6125) unless {@code options.verifyHostname()}
     * is off, which only {@code --insecure}'s trust can honour here (see {@link #hostNameCheckRefused}).
     */
    public static SpringEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws Exception {
        if (hostNameCheckRefused(options)) {
            throw new IllegalArgumentException("06-echo-spring's client (Tomcat's) has every server's host name checked, "
                    + "and the JDK's trust store checks it: only --insecure, which checks nothing, skips it");
        }
        WsWebSocketContainer container = new WsWebSocketContainer();
        // Tomcat's client defaults to 8 KiB; accept what our servers may echo by default.
        container.setDefaultMaxTextMessageBufferSize(Limits.MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(Limits.MAX_MESSAGE_BYTES);
        StandardWebSocketClient client = new StandardWebSocketClient(container);
        // For wss:// only (Jakarta WebSocket 2.1's ClientEndpointConfig.getSSLContext(), which Tomcat
        // 11 reads); null leaves Tomcat a context with the JDK's trust store.
        client.setSslContext(options.trust());
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        if (options.deflate()) {
            headers.setSecWebSocketExtensions(List.of(new WebSocketExtension("permessage-deflate")));
        }
        try {
            WebSocketSession session = client.execute(new Events(events), headers, uri)
                    .get(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new SpringEchoClient(container, session);
        } catch (ExecutionException e) {
            container.destroy();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            container.destroy();
            throw e;
        }
    }

    /**
     * Whether the options ask for what Tomcat's client cannot do: skip the host-name check with the
     * JDK's own trust store. Tomcat sets endpoint identification ({@code HTTPS}) on every engine it
     * makes, with no setting to stop it; the JDK then leaves the check to the trust manager, and its
     * own trust managers make it. A trust manager of one's own decides for itself: {@code --insecure}'s
     * ({@code Trust.anyCertificate()}) accepts every certificate for every name, so with it the host
     * name goes unchecked as asked. (A trust that does check certificates is asked to check the name
     * as well: stricter than such options say, never looser.)
     */
    static boolean hostNameCheckRefused(ClientOptions options) {
        return !options.verifyHostname() && options.trust() == null;
    }

    @Override
    public void sendText(String text) throws IOException {
        session.sendMessage(new TextMessage(text));
    }

    @Override
    public void sendBinary(byte[] data) throws IOException {
        session.sendMessage(new BinaryMessage(data));
    }

    @Override
    public void sendClose(int code, String reason) throws IOException {
        session.close(new CloseStatus(code, CloseCodes.fittingReason(reason)));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.destroy(); // closes the session's socket if it is still open, and the container's threads
        }
    }

    /** Spring's handler on the client's side: every event passed on to {@link ClientEvents}. */
    private static final class Events extends AbstractWebSocketHandler {
        private final ClientEvents events;

        Events(ClientEvents events) {
            this.events = events;
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            events.onText(message.getPayload());
        }

        @Override
        protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
            ByteBuffer payload = message.getPayload();
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            events.onBinary(data);
        }

        @Override
        public void handleTransportError(WebSocketSession session, Throwable error) {
            events.onError(error);
        }

        /** Tomcat reports a connection that ended without a Close frame as 1006, as ClientEvents wants. */
        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            events.onClose(status.getCode(), status.getReason() == null ? "" : status.getReason());
        }
    }
}
