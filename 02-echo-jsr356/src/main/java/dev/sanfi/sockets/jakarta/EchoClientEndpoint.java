package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.ClientEvents;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * The client side as an annotated endpoint: the annotations tell the container which method takes
 * which event. We pass an instance to {@code connectToServer}, so it can carry its listener.
 */
@ClientEndpoint
public final class EchoClientEndpoint {

    private final ClientEvents events;

    EchoClientEndpoint(ClientEvents events) {
        this.events = events;
    }

    @OnMessage
    public void onText(String text) {
        events.onText(text);
    }

    @OnMessage
    public void onBinary(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        events.onBinary(bytes);
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        events.onClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @OnError
    public void onError(Session session, Throwable error) {
        events.onError(error);
    }
}
