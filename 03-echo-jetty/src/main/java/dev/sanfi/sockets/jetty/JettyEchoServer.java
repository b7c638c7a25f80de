package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.jetty.guard.DeflateNegotiation;
import dev.sanfi.sockets.jetty.guard.HandshakeDeadline;
import dev.sanfi.sockets.jetty.guard.Keepalive;
import dev.sanfi.sockets.jetty.guard.OpenSessions;
import dev.sanfi.sockets.jetty.guard.RequestCheck;
import dev.sanfi.sockets.jetty.guard.Utf8FailFast;
import dev.sanfi.sockets.jetty.tuning.FairTurns;
import dev.sanfi.sockets.jetty.tuning.WriteBatching;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo server on Jetty 12's core API: no Servlet container, just a {@link Server}, one
 * connector, and a chain of handlers.
 *
 * <pre>
 * guard.RequestCheck          every refusal of RequestRules (400, 403, 404, 405, 426), before Jetty
 *  └ WebSocketUpgradeHandler  /echo → EchoEndpoint
 *     └ PageHandler           GET / → the page, HEAD / → its head
 * </pre>
 *
 * <p>Around them, from {@code guard}: {@code HandshakeDeadline} on the connector; {@code Keepalive}
 * and {@code OpenSessions} as session listeners of the container; {@code DeflateNegotiation},
 * {@code Utf8FailFast} and {@code OpenSessions} around the creator (with {@code --deflate},
 * {@code DeflateNegotiation} also puts {@code AgreedDeflateExtension} in the server's extension
 * registry). With {@code ServerSettings.tls()}
 * the connector speaks TLS first. {@code ServerThreads} sizes the pool for fairness; on a plain
 * connection {@code tuning.WriteBatching} writes the echoes of a read together.
 */
public final class JettyEchoServer implements EchoServer {

    private static final Logger LOG = LoggerFactory.getLogger(JettyEchoServer.class);

    private final Server server;
    private final InetSocketAddress localAddress;
    private final OpenSessions sessions;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JettyEchoServer(Server server, ServerConnector connector, OpenSessions sessions) {
        this.server = server;
        // Kept: once stopped, the connector no longer knows its port.
        this.localAddress = new InetSocketAddress(connector.getHost(), connector.getLocalPort());
        this.sessions = sessions;
    }

    /** Starts a server with these settings; it listens when this returns. */
    public static JettyEchoServer start(ServerSettings settings) throws IOException {
        Server server = new Server(ServerThreads.pool());
        // Under TLS the socket end is not the one the WebSocket reads from: no write batching there.
        ServerConnector connector = settings.secure()
                ? new ServerConnector(server, tls(settings.tls()), httpWithLimits(true))
                : WriteBatching.connector(server, httpWithLimits(false));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // Before the upgrade this is an HTTP connection: a client that stops sending its request
        // head is dropped after the handshake timeout of silence, and one that trickles it after
        // the handshake timeout in all. After the upgrade, Jetty replaces the idle timeout with
        // the session's, set below.
        connector.setIdleTimeout(settings.handshakeTimeout().toMillis());
        connector.addEventListener(new HandshakeDeadline(server.getScheduler(), settings.handshakeTimeout()));
        server.addConnector(connector);

        OpenSessions sessions = new OpenSessions();
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            configureSessions(container, settings);
            WriteBatching.configure(container);
            container.addSessionListener(sessions);
            container.addSessionListener(new Keepalive(server.getScheduler(), settings.pingInterval(), settings.idleTimeout()));
            WebSocketCreator guarded = Utf8FailFast.on(DeflateNegotiation.on(server, echo(), settings.deflate()));
            container.addMapping(EchoProtocol.ECHO_PATH,
                    sessions.admitting(FairTurns.on(settings.secure() ? guarded : WriteBatching.on(guarded))));
        });
        Utf8FailFast.register(server);
        WriteBatching.register(server);
        FairTurns.register(server);
        upgrades.setHandler(new PageHandler(settings.originPolicy()));
        server.setHandler(new RequestCheck(settings.originPolicy(), upgrades));
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            throw e instanceof IOException io ? io : new IOException("Jetty did not start: " + e, e);
        }
        return new JettyEchoServer(server, connector, sessions);
    }

    /** Every upgrade that got this far gets an EchoEndpoint. */
    private static WebSocketCreator echo() {
        return (request, response, callback) -> new EchoEndpoint();
    }

    /** HTTP/1.1 with the request head limited: larger heads get 431 (RFC 6585 §5). */
    private static HttpConnectionFactory httpWithLimits(boolean secure) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(Limits.MAX_HANDSHAKE_BYTES);
        http.setSendServerVersion(false);
        if (secure) {
            // Marks requests that came over TLS as https; no SNI check, as the one certificate is
            // the client's to judge (RFC 6125), not the server's.
            SecureRequestCustomizer https = new SecureRequestCustomizer();
            https.setSniHostCheck(false);
            http.addCustomizer(https);
        }
        return new HttpConnectionFactory(http);
    }

    /**
     * TLS in front of HTTP/1.1 on the same connector: Jetty's {@link SslConnectionFactory} decrypts,
     * then hands the plain bytes to the HTTP connection, which upgrades to WebSocket as over plain
     * TCP ({@code wss://} is {@code ws://} inside TLS, RFC 6455 §11.1.2).
     */
    private static SslConnectionFactory tls(SSLContext context) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        return new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString());
    }

    /** Every limit of the contract set explicitly: Jetty's defaults are 64 KiB messages and 30 s idle. */
    private static void configureSessions(ServerWebSocketContainer container, ServerSettings settings) {
        // Jetty closes a larger message with 1009 itself, counted as it is reassembled, since
        // EchoEndpoint takes whole messages; a single frame may be as large, no larger. With
        // permessage-deflate the count is of inflated bytes: Jetty's extension inflates a frame
        // in pieces of at most 8 KiB and hands each on before it inflates more (autoFragment).
        container.setMaxTextMessageSize(settings.maxMessageBytes());
        container.setMaxBinaryMessageSize(settings.maxMessageBytes());
        container.setMaxFrameSize(settings.maxMessageBytes());
        // A frame still arriving is handed on in pieces, so that Utf8FailFast checks its bytes as
        // they arrive (RFC 6455 §8.1), not only once a large frame is complete.
        container.setAutoFragment(true);
        // Jetty's own idle timeout (1001 too) is only the backstop: it also counts our Pings as
        // activity, which is why Keepalive counts what the peer sends.
        container.setIdleTimeout(settings.idleTimeout());
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Close 1001 to every open session, up to {@link Limits#SHUTDOWN_GRACE} for their answers, then stop. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                sessions.close();
            } finally {
                stop(server);
            }
        }
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping Jetty failed: {}", e.toString());
        }
    }
}
