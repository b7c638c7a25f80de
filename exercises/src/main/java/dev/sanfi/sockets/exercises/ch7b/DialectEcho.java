package dev.sanfi.sockets.exercises.ch7b;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Chapter 7b, exercise 2: an echo that speaks two subprotocols (RFC 6455 §1.9, §4.2.2). Spring's
 * handshake asks the handler which it speaks ({@link SubProtocolCapable}), picks one of the
 * client's offer, and names it in {@code Sec-WebSocket-Protocol}; the session says which.
 */
public final class DialectEcho extends TextWebSocketHandler implements SubProtocolCapable {

    /** Each message back as it came. */
    public static final String ECHO = "echo.v1";

    /** Each message back in capitals. */
    public static final String SHOUT = "shout.v1";

    @Override
    public List<String> getSubProtocols() {
        return List.of(SHOUT, ECHO); // lower case: Spring lower-cases the offer before it compares
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        // The subprotocol as the client spelled it (Spring matches ignoring case), or null for none.
        boolean shout = SHOUT.equalsIgnoreCase(session.getAcceptedProtocol());
        String text = message.getPayload();
        session.sendMessage(new TextMessage(shout ? text.toUpperCase(Locale.ROOT) : text));
    }
}
