package dev.sanfi.sockets.jetty;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo of one connection, on Jetty's own API with explicit demand: Jetty reads the next frame
 * only after {@link Session#demand()}, and this endpoint demands only once the previous echo is sent.
 *
 * <p>That is the whole backpressure story: a peer that sends faster than it reads fills its own TCP
 * receive window, our send stays pending, we do not demand, Jetty stops reading, and the peer's
 * writes block in its own TCP send buffer. The server holds at most one message per connection.
 * (Compare {@code AutoDemandingEchoEndpoint} in the tests, which does not.)
 *
 * <p>Jetty reassembles messages and keeps the container's size limits (1009); it answers Pings and
 * demands past them and past Pongs, since this class does not override those methods.
 * Public because Jetty finds the listener methods through a public method-handle lookup.
 */
public final class EchoEndpoint implements Session.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EchoEndpoint.class);

    private Session session;
    /** Kept from the start: a closed session no longer knows its peer's address. */
    private String peer = "?";

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.peer = String.valueOf(session.getRemoteSocketAddress());
        LOG.info("opened {}", peer);
        session.demand(); // the first frame
    }

    @Override
    public void onWebSocketText(String message) {
        session.sendText(message, Callback.from(session::demand, this::echoFailed));
    }

    /** The payload stays Jetty's until {@code callback} completes: sent as it is, released once sent. */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        session.sendBinary(payload, Callback.from(() -> {
            callback.succeed();
            session.demand();
        }, failure -> {
            callback.succeed();
            echoFailed(failure);
        }));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("error on {}: {}", peer, cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        LOG.info("closed {} {}", peer, statusCode);
        callback.succeed();
    }

    /** A send that fails leaves the peer without its echo: the session cannot go on (1011). */
    private void echoFailed(Throwable failure) {
        LOG.debug("echo failed on {}: {}", peer, failure.toString());
        session.close(StatusCode.SERVER_ERROR, "echo failed", Callback.NOOP);
    }
}
