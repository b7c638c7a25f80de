package dev.sanfi.sockets.jetty.guard;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.RequestRules.Refusal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions of the server, so that a stopping server says goodbye to each: {@link #close()}
 * sends every one Close 1001 Going Away (RFC 6455 §7.4.1: "a server going down") and gives them
 * {@link Limits#SHUTDOWN_GRACE} to answer.
 *
 * <p>Stopping Jetty with open sessions just drops their TCP connections: the peers see 1006 (no Close
 * frame). A session counts from the moment {@link #admitting} lets its upgrade through, not only once
 * Jetty reports it open: the client may already hold its 101 while Jetty has not yet opened the
 * session. Jetty reports opened and closed sessions to this {@link WebSocketSessionListener}; an
 * upgrade that fails before its session opens is never reported, and is waited for only until the
 * grace is over.
 */
public final class OpenSessions implements WebSocketSessionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSessions.class);

    private final Set<Session> open = new HashSet<>();
    private int upgrading;
    private boolean closing;

    /** The creator, refusing upgrades with 503 once the server is stopping, counting the others. */
    public WebSocketCreator admitting(WebSocketCreator creator) {
        return (request, response, callback) -> {
            if (!upgradeAdmitted()) {
                RequestCheck.answer(new Refusal(503, "the server is shutting down", Map.of()), response, callback);
                return null;
            }
            Object endpoint = creator.createWebSocket(request, response, callback);
            if (endpoint == null) {
                closed(null);
            }
            return endpoint;
        };
    }

    private synchronized boolean upgradeAdmitted() {
        if (!closing) {
            upgrading++;
        }
        return !closing;
    }

    @Override
    public void onWebSocketSessionOpened(Session session) {
        boolean stopping;
        synchronized (this) {
            upgrading = Math.max(0, upgrading - 1);
            open.add(session);
            stopping = closing;
        }
        if (stopping) {
            session.close(CloseCodes.GOING_AWAY, "server shutting down", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketSessionClosed(Session session) {
        closed(session);
    }

    /** A session closed; one that was never reported open was still upgrading. */
    private synchronized void closed(Session session) {
        if (session == null || !open.remove(session)) {
            upgrading = Math.max(0, upgrading - 1);
        }
        notifyAll();
    }

    /** Refuses new upgrades, sends Close 1001 to every open session, waits for them up to the grace. */
    @Override
    public void close() {
        List<Session> now;
        synchronized (this) {
            closing = true;
            now = List.copyOf(open);
        }
        for (Session session : now) {
            session.close(CloseCodes.GOING_AWAY, "server shutting down", Callback.NOOP);
        }
        long deadline = System.nanoTime() + Limits.SHUTDOWN_GRACE.toNanos();
        synchronized (this) {
            try {
                for (long left; (!open.isEmpty() || upgrading > 0) && (left = deadline - System.nanoTime()) > 0; ) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!open.isEmpty() || upgrading > 0) {
                LOG.warn("{} session(s) did not answer the Close within {} s", open.size() + upgrading,
                        Limits.SHUTDOWN_GRACE.toSeconds());
            }
        }
    }
}
