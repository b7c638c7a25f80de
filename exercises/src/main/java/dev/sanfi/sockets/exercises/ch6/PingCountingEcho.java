package dev.sanfi.sockets.exercises.ch6;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * Chapter 6, exercise 1: a text echo with explicit demand that also counts the Pings it gets. By
 * overriding {@code onWebSocketPing} the endpoint takes over two jobs Jetty did for it: answering
 * the Ping (RFC 6455 §5.5.2: a Pong, with the Ping's payload, §5.5.3) and demanding the next frame.
 */
public final class PingCountingEcho implements Session.Listener {

    private final AtomicInteger pings;
    private Session session;

    /** @param pings counts the Pings of this connection (shared with whoever wants to know) */
    public PingCountingEcho(AtomicInteger pings) {
        this.pings = pings;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.demand(); // the first frame
    }

    /** A broken connection or a failed read; Jetty closes the session after this, nothing to add. */
    @Override
    public void onWebSocketError(Throwable cause) {
    }

    @Override
    public void onWebSocketText(String message) {
        session.sendText(message, Callback.from(session::demand, this::failed));
    }

    /** Jetty hands over a copy of the payload: it may go straight back in the Pong. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        pings.incrementAndGet();
        session.sendPong(payload, Callback.from(session::demand, this::failed));
    }

    private void failed(Throwable failure) {
        session.close(StatusCode.SERVER_ERROR, "send failed", Callback.NOOP);
    }
}
