package dev.sanfi.sockets.exercises.ch6;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The first try at exercise 1, kept to show what it does: it counts the Ping, and that is all. Public,
 * as Jetty finds an endpoint's methods through a public lookup.
 */
public final class OnlyCountingPings implements Session.Listener {

    private final AtomicInteger pings;
    private Session session;

    public OnlyCountingPings(AtomicInteger pings) {
        this.pings = pings;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.demand();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
    }

    @Override
    public void onWebSocketText(String message) {
        session.sendText(message, Callback.from(session::demand, failure -> { }));
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        pings.incrementAndGet(); // no Pong, no demand
    }
}
