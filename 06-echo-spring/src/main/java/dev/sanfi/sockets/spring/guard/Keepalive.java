package dev.sanfi.sockets.spring.guard;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Contract §2's keepalive: a Ping after the ping interval of silence from the peer, and Close 1001
 * after the idle timeout of silence, where any frame the peer sends counts.
 *
 * <p>Neither Spring nor Tomcat pings by itself. Tomcat does have the other half: a session's
 * {@code READ_IDLE_TIMEOUT_MS} closes it with 1001 once the peer has sent no byte for that long
 * (a fragment or a Pong counts, as every read does), checked by Tomcat's background thread every
 * {@code processPeriod} seconds (10 by default, 1 here, so that the close comes at most a second
 * late). So this class sets that, and pings: it watches the session from a Spring decorator, which
 * hears whole messages and Pongs, and pings a session that has said neither for the ping interval.
 * A peer that only sends Pings or fragments is pinged a little more often than needed; it is never
 * closed early, because Tomcat, not this class, decides the close.
 */
public final class Keepalive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Keepalive.class);
    private static final byte[] PING = "keepalive".getBytes(StandardCharsets.US_ASCII);
    /** How many looks per ping interval: a Ping is at most a quarter of an interval late. */
    private static final int LOOKS_PER_INTERVAL = 4;
    /**
     * Pings are sent on threads of their own: a blocking send to a peer that does not read waits for
     * Tomcat's send timeout (20 s), and must not hold up the Pings of everyone else.
     */
    private static final int PING_THREADS = 4;

    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Map<WebSocketSession, PeerSilence> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService pings;

    public Keepalive(Duration pingInterval, Duration idleTimeout) {
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "spring-echo-keepalive"));
        this.pings = Executors.newFixedThreadPool(PING_THREADS, runnable -> daemon(runnable, "spring-echo-ping"));
        long period = Math.max(1, pingInterval.toNanos() / LOOKS_PER_INTERVAL);
        timer.scheduleAtFixedRate(this::look, period, period, TimeUnit.NANOSECONDS);
    }

    /** The handler, with every session it sees kept alive (and ended when silent). */
    public WebSocketHandler watching(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                start(session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                PeerSilence silence = sessions.get(session);
                if (silence != null) {
                    silence.heard(System.nanoTime());
                }
                super.handleMessage(session, message);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                sessions.remove(session);
                super.afterConnectionClosed(session, status);
            }
        };
    }

    private void start(WebSocketSession session) {
        if (!(session instanceof NativeWebSocketSession nativeSession)) {
            throw new IllegalStateException("not a session of a Jakarta WebSocket container: " + session.getClass().getName());
        }
        Session tomcat = nativeSession.getNativeSession(Session.class);
        tomcat.getUserProperties().put(Constants.READ_IDLE_TIMEOUT_MS, idleTimeout.toMillis());
        if (tomcat.getContainer() instanceof WsWebSocketContainer container && container.getProcessPeriod() != 1) {
            container.setProcessPeriod(1);
        }
        sessions.put(session, new PeerSilence(pingInterval, System.nanoTime()));
    }

    private void look() {
        long now = System.nanoTime();
        sessions.forEach((session, silence) -> {
            if (silence.pingDue(now)) {
                pings.execute(() -> ping(session));
            }
        });
    }

    private static void ping(WebSocketSession session) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new PingMessage(ByteBuffer.wrap(PING)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ping to {} failed: {}", session.getId(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pings.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
