package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.jakarta.guard.PerMessageDeflate;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * The echo client on the Jakarta WebSocket client API, run by Tyrus's {@link ClientManager}. The
 * specification's {@link ClientEndpointConfig} carries the TLS context (whom to trust) and the
 * extensions to offer; Tyrus's own properties carry the one thing it has no word for, switching
 * the host-name check off ({@code --insecure}).
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
        ClientManager container = ClientManager.createClient();
        // The same limit as every server's: an echo is never larger than what the client sent.
        container.setDefaultMaxTextMessageBufferSize(Limits.MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(Limits.MAX_MESSAGE_BYTES);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                // For wss:// only; null leaves Tyrus the JDK's default trust store. Tyrus checks the
                // host name against the certificate (RFC 6125) and sends it as SNI (RFC 6066 §3).
                .sslContext(options.trust())
                .extensions(options.deflate() ? List.<Extension>of(new PerMessageDeflate()) : List.of())
                .build();
        if (!options.verifyHostname()) {
            container.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, withoutHostCheck(options.trust()));
        }
        try {
            return new JakartaEchoClient(container.connectToServer(new EchoClientEndpoint(events), config, uri));
        } catch (DeploymentException e) {
            throw new IOException("cannot connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Tyrus's TLS settings as the specification's would be, less the host-name check. */
    private static SslEngineConfigurator withoutHostCheck(SSLContext trust) throws IOException {
        try {
            SSLContext context = trust != null ? trust : SSLContext.getDefault();
            return new SslEngineConfigurator(context, true, false, false).setHostVerificationEnabled(false);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context: " + e.getMessage(), e);
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
