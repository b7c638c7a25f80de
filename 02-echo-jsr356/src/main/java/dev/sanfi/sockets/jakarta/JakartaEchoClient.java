package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
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

    /** Connects with {@link ClientOptions#defaults()}: the JDK's trust store, no compression. */
    public static JakartaEchoClient connect(URI uri, ClientEvents events) throws IOException {
        return connect(uri, ClientOptions.defaults(), events);
    }

    /**
     * Connects and completes the opening handshake; events arrive on the container's threads.
     *
     * @throws IOException when the server cannot be reached or refuses the upgrade
     */
    public static JakartaEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws IOException {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        // The same limit as every server's: an echo is never larger than what the client sent.
        container.setDefaultMaxTextMessageBufferSize(Limits.MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(Limits.MAX_MESSAGE_BYTES);
        try {
            return new JakartaEchoClient(container.connectToServer(new EchoClientEndpoint(events), uri));
        } catch (DeploymentException e) {
            throw new IOException("cannot connect to " + uri + ": " + e.getMessage(), e);
        }
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
