package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoProtocol;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo of one connection, with explicit demand: Jetty delivers the next frame only after
 * {@link Session#demand()}, and this endpoint demands only when the previous echo has been sent.
 *
 * <p>That is the whole backpressure story: a peer that sends faster than it reads fills its own
 * TCP receive window, our send stays pending, we stop demanding, Jetty stops reading, and the
 * peer's sends block in its own TCP send buffer. The server holds at most one message per
 * connection. (Compare {@code AutoDemandingEchoEndpoint} in the tests, which does not.)
 *
 * <p>Because this class is not a {@link Session.Listener.AutoDemanding}, <em>every</em> event it
 * handles (open, each text piece, each binary fragment, a ping, a pong) must end with a demand, or
 * the connection stalls.
 *
 * <p>Public only because Jetty finds the listener methods through a public method-handle lookup.
 */
public final class EchoEndpoint implements Session.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(EchoEndpoint.class);

    private final Function<Session, Heartbeat> heartbeats;
    private final OpenSessions sessions;
    private final long maxMessageBytes;
    private final TextMessageBuffer text;
    private final BinaryMessageBuffer binary;
    private Session session;
    private boolean open;
    private Heartbeat heartbeat;
    /** Kept from the start: Jetty no longer knows the address once the session is closed. */
    private String peer = "?";

    /**
     * @param heartbeats      makes the keepalive of a session once it is open
     * @param sessions        where the server finds this session when it stops
     * @param maxMessageBytes the largest message, reassembled (kept here: Jetty's message limits bind only whole-message listeners)
     */
    EchoEndpoint(Function<Session, Heartbeat> heartbeats, OpenSessions sessions, long maxMessageBytes) {
        this.heartbeats = heartbeats;
        this.sessions = sessions;
        this.maxMessageBytes = maxMessageBytes;
        this.text = new TextMessageBuffer(maxMessageBytes);
        this.binary = new BinaryMessageBuffer(maxMessageBytes);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.peer = String.valueOf(session.getRemoteSocketAddress());
        LOG.info("opened {}", peer);
        open = true;
        if (!sessions.opened(session)) {
            session.close(CloseCodes.GOING_AWAY, "server shutting down", Callback.NOOP);
            return;
        }
        heartbeat = heartbeats.apply(session);
        heartbeat.start();
        session.demand(); // the first frame
    }

    /**
     * Each text frame as it arrives, already checked for UTF-8 by Jetty (see TextMessageBuffer for
     * why not the whole message). The echo goes out when the last fragment is in.
     */
    @Override
    public void onWebSocketPartialText(String piece, boolean last) {
        heartbeat.receivedFromPeer();
        if (!text.append(piece)) {
            session.close(StatusCode.MESSAGE_TOO_LARGE, "text message over " + maxMessageBytes + " bytes", Callback.NOOP);
            return;
        }
        if (!last) {
            session.demand(); // the next fragment
            return;
        }
        session.sendText(text.take(), Callback.from(session::demand, this::echoFailed));
    }

    /**
     * Each binary frame as it arrives, so that a message arriving slowly in fragments keeps the
     * heartbeat fed (see BinaryMessageBuffer). The fragment is copied and released at once; the
     * echo goes out when the last fragment is in, and only its callback demands the next frame.
     */
    @Override
    public void onWebSocketPartialBinary(ByteBuffer fragment, boolean last, Callback callback) {
        heartbeat.receivedFromPeer();
        boolean fits = binary.append(fragment);
        callback.succeed(); // copied: the fragment's buffer is Jetty's again
        if (!fits) {
            session.close(StatusCode.MESSAGE_TOO_LARGE, "binary message over " + maxMessageBytes + " bytes", Callback.NOOP);
            return;
        }
        if (!last) {
            session.demand(); // the next fragment
            return;
        }
        session.sendBinary(binary.take(), Callback.from(session::demand, this::echoFailed));
    }

    /**
     * RFC 6455 §5.5.3: a Pong with the Ping's payload. Left alone, Jetty would answer and demand by
     * itself; we take over so that a Ping counts as a sign of life, and with it the demand is ours.
     */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        heartbeat.receivedFromPeer();
        session.sendPong(payload, Callback.from(session::demand, this::echoFailed));
    }

    /** RFC 6455 §5.5.3: an unsolicited Pong needs no answer; only the demand. */
    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        heartbeat.receivedFromPeer();
        session.demand();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("error on {}: {}", peer, cause.toString());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (heartbeat != null) {
            heartbeat.stop();
        }
        LOG.info("closed {} {}", peer, statusCode);
        sessions.closed(session, open);
        callback.succeed();
    }

    /** A send that fails leaves the peer without its echo: the session cannot go on (1011). */
    private void echoFailed(Throwable failure) {
        LOG.debug("echo failed on {}: {}", peer, failure.toString());
        session.close(StatusCode.SERVER_ERROR, "echo failed", Callback.NOOP);
    }
}
