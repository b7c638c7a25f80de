package dev.sanfi.sockets.spring.guard;

import dev.sanfi.sockets.common.CloseCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The sessions of the server, so that stopping it says goodbye: Close 1001 Going Away to each
 * (RFC 6455 §7.4.1), then up to the grace period for their answers. Stopping Spring's context stops
 * Tomcat, which drops every upgraded socket without a Close frame.
 *
 * <p>One race needs care: the client may hold its 101 before Tomcat has opened the session. So an
 * upgrade counts from the moment the handshake interceptor lets it through, a session that opens
 * while the server stops is closed with 1001 at once, and an upgrade arriving then gets 503.
 */
public final class OpenSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSessions.class);
    private static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "server shutting down");

    private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();
    private int upgrading;
    private boolean closing;

    /** Lets upgrades through until the server stops, and counts them until their session opens. */
    public HandshakeInterceptor admission() {
        return new HandshakeInterceptor() {
            @Override
            public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                           WebSocketHandler handler, Map<String, Object> attributes) throws IOException {
                if (!admitted()) {
                    response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                    response.getHeaders().setConnection(List.of("close"));
                    response.getBody().write("the server is shutting down\n".getBytes(StandardCharsets.UTF_8));
                    return false;
                }
                return true;
            }

            @Override
            public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                       WebSocketHandler handler, Exception failure) {
                // Refused after all (a later check, such as the origin's): no session will open.
                boolean upgraded = response instanceof ServletServerHttpResponse servlet
                        && servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
                if (failure != null || !upgraded) {
                    upgradeDone();
                }
            }
        };
    }

    /** The handler, with every session it sees counted while it is open. */
    public WebSocketHandler tracking(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                open.add(session);
                boolean stopping = upgradeDone();
                super.afterConnectionEstablished(session);
                if (stopping) {
                    session.close(GOING_AWAY);
                }
            }

            /**
             * While the server stops, a message may still arrive after this side's Close 1001 went out
             * (a peer that stopped reading is still being read), and Tomcat refuses to send its echo:
             * RFC 6455 §5.5.1, no data after a Close. That is the shutdown working, not an error for
             * Spring to log with a stack trace and answer with 1011.
             */
            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                try {
                    super.handleMessage(session, message);
                } catch (IllegalStateException e) {
                    if (!stopping()) {
                        throw e;
                    }
                    LOG.debug("{}: not echoed while the server stops: {}", session.getId(), e.getMessage());
                }
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                try {
                    super.afterConnectionClosed(session, status);
                } finally {
                    closed(session);
                }
            }
        };
    }

    private synchronized boolean admitted() {
        if (closing) {
            return false;
        }
        upgrading++;
        return true;
    }

    private synchronized boolean stopping() {
        return closing;
    }

    /** An admitted upgrade has opened its session or failed; returns whether the server is stopping. */
    private synchronized boolean upgradeDone() {
        upgrading--;
        notifyAll();
        return closing;
    }

    private synchronized void closed(WebSocketSession session) {
        open.remove(session);
        notifyAll();
    }

    /**
     * Sends Close 1001 to every open session and waits until all have closed, or the grace is over.
     * Upgrades arriving from now on get 503.
     */
    public void closeAll(Duration grace) throws InterruptedException {
        synchronized (this) {
            closing = true;
        }
        for (WebSocketSession session : open) {
            try {
                session.close(GOING_AWAY);
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing {} failed: {}", session.getId(), e.toString());
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            for (long left = grace.toNanos(); (!open.isEmpty() || upgrading > 0) && left > 0;
                 left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
