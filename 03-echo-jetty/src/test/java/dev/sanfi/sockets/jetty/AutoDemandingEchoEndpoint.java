package dev.sanfi.sockets.jetty;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * THE WRONG WAY, kept to be measured (see BackpressureTest and chapter 6): an echo that lets Jetty
 * demand by itself. Jetty reads the next frame as soon as {@code onWebSocketText} returns, whether
 * or not the previous echo has been written, so a peer that sends without reading makes the server
 * queue echoes in memory without bound.
 */
public final class AutoDemandingEchoEndpoint implements Session.Listener.AutoDemanding {

    private final AtomicInteger pendingEchoes;
    private Session session;

    /** @param pendingEchoes counts echoes handed to Jetty and not yet written to the socket */
    AutoDemandingEchoEndpoint(AtomicInteger pendingEchoes) {
        this.pendingEchoes = pendingEchoes;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        pendingEchoes.incrementAndGet();
        session.sendText(message, Callback.from(pendingEchoes::decrementAndGet, failure -> { }));
        // Returning here is the demand for the next frame: nothing waited for the send.
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // The tests end this endpoint by closing its socket; that is expected, not worth a warning.
    }
}
