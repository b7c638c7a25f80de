package dev.sanfi.sockets.exercises.ch5;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Chapter 5, exercise 3: an echo that numbers the messages of each connection. The container makes
 * one instance of an annotated endpoint per connection and calls it from one thread at a time, so a
 * plain field is the connection's own counter, without a lock.
 */
@ServerEndpoint("/numbered")
public final class NumberedEcho {

    private int received;

    @OnMessage
    public String onText(String text) {
        received++;
        return received + ": " + text;
    }
}
