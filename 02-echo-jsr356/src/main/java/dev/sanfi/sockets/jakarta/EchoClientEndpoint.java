package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.ClientEvents;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * The client side as a programmatic endpoint: a subclass of {@link Endpoint} that registers its
 * message handlers when the session opens. Programmatic, not annotated, because only the
 * programmatic {@code connectToServer} takes a {@code ClientEndpointConfig}, and only that config
 * carries what {@code @ClientEndpoint} cannot: the TLS context and the extensions to offer.
 */
final class EchoClientEndpoint extends Endpoint {

    private final ClientEvents events;

    EchoClientEndpoint(ClientEvents events) {
        this.events = events;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // Whole messages only: the container joins fragments, as on the server.
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) events::onText);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            events.onBinary(bytes);
        });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        events.onClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        events.onError(error);
    }
}
