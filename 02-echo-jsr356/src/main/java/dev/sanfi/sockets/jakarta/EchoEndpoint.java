package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoProtocol;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo, written the way the Jakarta WebSocket specification means endpoints to be written: a
 * class annotated with its path, and one method per event. Only {@code jakarta.websocket} here, so
 * it runs unchanged in any Jakarta container (Tyrus, Tomcat, Jetty, Undertow): a servlet container
 * finds it by its annotation alone.
 *
 * <p>The container makes one instance per connection, does the opening handshake, joins fragments
 * into whole messages (RFC 6455 §5.4), answers Pings with Pongs (§5.5.2) and a Close with a Close
 * (§5.5.1). What is left is the echo: a method's return value is sent back to the peer as a message
 * of the same kind.
 */
@ServerEndpoint(EchoProtocol.ECHO_PATH)
public final class EchoEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EchoEndpoint.class);

    @OnOpen
    public void onOpen(Session session) {
        LOG.info("opened {}", session.getId());
    }

    /** A whole text message, its UTF-8 already decoded; the returned text goes back as a text message. */
    @OnMessage
    public String onText(String text) {
        return text;
    }

    /** A whole binary message; the returned bytes go back as a binary message. */
    @OnMessage
    public ByteBuffer onBinary(ByteBuffer data) {
        return data;
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        LOG.info("closed {} {}", session.getId(), reason.getCloseCode().getCode());
    }

    /** A failed send or a broken connection: the container closes the session after this. */
    @OnError
    public void onError(Session session, Throwable error) {
        LOG.debug("error on {}: {}", session.getId(), error.toString());
    }
}
