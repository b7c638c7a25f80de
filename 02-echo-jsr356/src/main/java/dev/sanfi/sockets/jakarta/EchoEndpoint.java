package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.ServerSettings;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo, as a programmatic Jakarta WebSocket endpoint: the container makes one instance per
 * connection (through {@link EchoEndpointConfigurator}), so its fields are that connection's state.
 *
 * <p>Only {@code jakarta.websocket} here: what the specification offers is enough for the echo itself.
 * The container reassembles fragments, answers Pings and Closes, and enforces the message size; the
 * endpoint sees whole messages.
 */
public final class EchoEndpoint extends Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EchoEndpoint.class);

    private final ServerSettings settings;
    private final OpenSessions openSessions;
    private final ScheduledExecutorService timer;
    private final Function<Session, String> peerName;

    private SessionWriter writer;
    private SilenceWatch silence;
    private String peer;

    EchoEndpoint(ServerSettings settings, OpenSessions openSessions, ScheduledExecutorService timer,
                 Function<Session, String> peerName) {
        this.settings = settings;
        this.openSessions = openSessions;
        this.timer = timer;
        this.peerName = peerName;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        peer = peerName.apply(session);
        // The limit the specification does give us: a larger message is refused with 1009 Too Big.
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        // Off: Tyrus would close an idle session with 1000; the SilenceWatch closes it with 1001.
        session.setMaxIdleTimeout(0);

        writer = new SessionWriter(session);
        // Every frame the peer sends counts as life, also those the container never shows us: the
        // FrameGuard notes them all, and the configurator left us the note in the user properties.
        LastHeard lastHeard = (LastHeard) session.getUserProperties().get(LastHeardHandoff.USER_PROPERTY);
        silence = new SilenceWatch(writer, timer, settings.pingInterval(), settings.idleTimeout(),
                Objects.requireNonNull(lastHeard, "no LastHeard: the endpoint runs only behind the FrameGuard"));
        session.addMessageHandler(String.class, this::onText);
        session.addMessageHandler(ByteBuffer.class, this::onBinary);
        openSessions.add(writer);
        silence.start();
        LOG.info("opened {}", peer);
    }

    private void onText(String text) {
        try {
            writer.text(text);
        } catch (IOException e) {
            onError(writer.session(), e);
        }
    }

    private void onBinary(ByteBuffer data) {
        try {
            writer.binary(data);
        } catch (IOException e) {
            onError(writer.session(), e);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (silence != null) {
            silence.stop();
            openSessions.remove(writer);
        }
        LOG.info("closed {} {}", peer, reason.getCloseCode().getCode());
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("error on {}: {}", peer, error.toString());
    }
}
