package dev.sanfi.sockets.exercises.ch7b;

import java.io.IOException;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** Chapter 7b, exercise 3: an echo that puts the name {@link NameCheck} admitted before each text. */
public final class NamedEcho extends TextWebSocketHandler {

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        Object name = session.getAttributes().get(NameCheck.NAME);
        session.sendMessage(new TextMessage(name + ": " + message.getPayload()));
    }
}
