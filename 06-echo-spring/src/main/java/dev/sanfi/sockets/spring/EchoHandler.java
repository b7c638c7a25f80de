package dev.sanfi.sockets.spring;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The echo, written the way Spring means a WebSocket handler to be written: one object for every
 * session, with one method per event, registered at a path by a {@code WebSocketConfigurer}. Only
 * Spring's {@code org.springframework.web.socket} here: the same class runs on Tomcat, Jetty or
 * any other container Spring can upgrade a request on.
 *
 * <p>Underneath, the container (here Tomcat) does the protocol: it joins fragments into whole
 * messages (RFC 6455 §5.4), answers Pings with Pongs (§5.5.2) and a Close with a Close (§5.5.1).
 * Spring hands each whole message to the matching method; the echo sends it back as it came.
 */
public final class EchoHandler extends AbstractWebSocketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EchoHandler.class);

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        LOG.info("opened {} from {}", session.getId(), session.getRemoteAddress());
    }

    /** A whole text message, its UTF-8 already decoded; sent back as a text message. */
    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        session.sendMessage(message);
    }

    /** A whole binary message; sent back as a binary message with the same bytes. */
    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        session.sendMessage(message);
    }

    /** A failed send or a broken connection: Spring closes the session after this. */
    @Override
    public void handleTransportError(WebSocketSession session, Throwable error) {
        LOG.debug("error on {}: {}", session.getId(), error.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        LOG.info("closed {} {}", session.getId(), status.getCode());
    }
}
