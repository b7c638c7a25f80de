package dev.sanfi.sockets.exercises.ch5;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Chapter 5, exercise 2: an echo that speaks two versions of a protocol and prefers the newer, via
 * {@link ServerPreference}; each echo says which version the connection agreed on.
 */
@ServerEndpoint(value = "/versions", subprotocols = {"chat.v2", "chat.v1"}, configurator = ServerPreference.class)
public final class VersionedEcho {

    @OnMessage
    public String onText(String text, Session session) {
        String agreed = session.getNegotiatedSubprotocol();    // "" when none was agreed
        return (agreed.isEmpty() ? "no subprotocol" : agreed) + ": " + text;
    }
}
