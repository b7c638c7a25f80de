package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.EchoClientSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * The echo client on the Jakarta WebSocket client API; with {@code tyrus-standalone-client} on the
 * class path, {@link ContainerProvider} finds Tyrus's {@code ClientManager}. Only {@code jakarta.*}.
 */
public final class JakartaEchoClient implements EchoClientSession {

    private final Session session;

    private JakartaEchoClient(Session session) {
        this.session = session;
    }

    /** Connects and completes the opening handshake; events arrive on the container's threads. */
    public static JakartaEchoClient connect(URI uri, ClientEvents events) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        // The client takes messages as large as the server sends; the server enforces the limit.
        container.setDefaultMaxTextMessageBufferSize(Integer.MAX_VALUE);
        container.setDefaultMaxBinaryMessageBufferSize(Integer.MAX_VALUE);
        Session session = container.connectToServer(new EchoClientEndpoint(events), uri);
        return new JakartaEchoClient(session);
    }

    @Override
    public void sendText(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    @Override
    public void sendBinary(byte[] data) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
    }

    @Override
    public void sendClose(int code, String reason) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            try {
                session.close();
            } catch (IOException e) {
                // Gone already: nothing left to free.
            }
        }
    }
}
