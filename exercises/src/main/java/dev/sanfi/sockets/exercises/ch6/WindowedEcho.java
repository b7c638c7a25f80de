package dev.sanfi.sockets.exercises.ch6;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * Chapter 6, exercise 2: the explicit-demand echo with a window. Chapter 6's echo reads the next
 * message only once the last echo is written: one echo in flight, one round trip of the socket per
 * message. This one reads ahead while fewer than {@code size} echoes are on their way, and still
 * stops reading a peer that does not read: the server holds at most {@code size} messages for it.
 */
public final class WindowedEcho implements Session.Listener {

    private final EchoWindow window;
    private Session session;

    public WindowedEcho(EchoWindow window) {
        this.window = window;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.demand();
    }

    /** A broken connection or a failed read; Jetty closes the session after this, nothing to add. */
    @Override
    public void onWebSocketError(Throwable cause) {
    }

    @Override
    public void onWebSocketText(String message) {
        boolean readOn = window.received(); // counted before the send: its callback may come first
        session.sendText(message, Callback.from(this::sent,
                failure -> session.close(StatusCode.SERVER_ERROR, "echo failed", Callback.NOOP)));
        if (readOn) {
            session.demand();
        }
    }

    private void sent() {
        if (window.sent()) {
            session.demand();
        }
    }
}
