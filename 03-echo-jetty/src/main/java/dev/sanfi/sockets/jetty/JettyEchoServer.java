package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo server on Jetty 12's core API: no Servlet container, just a {@link Server}, one
 * connector, and a chain of handlers.
 *
 * <pre>
 * UpgradeRequestCheck        400 / 426 for malformed upgrades to /echo
 *  └ WebSocketUpgradeHandler  /echo → EchoCreator (403 for foreign origins) → EchoEndpoint
 *     └ PageHandler           GET / → the page, /echo without upgrade → 426, else 404
 * </pre>
 *
 * <p>Around them: {@code HandshakeDeadline} on the connector, {@code Heartbeat} per session on
 * Jetty's scheduler, {@code OpenSessions} for a clean shutdown, {@code ServerThreads} for fairness.
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
    public static JettyEchoServer start(ServerSettings settings) throws Exception {
        Server server = new Server(ServerThreads.pool());
        ServerConnector connector = new ServerConnector(server, httpWithLimits());
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
            container.addMapping(EchoProtocol.ECHO_PATH, new EchoCreator(settings.originPolicy(),
                    session -> new Heartbeat(server.getScheduler(), settings.pingInterval(), settings.idleTimeout(), session),
                    sessions, settings.maxMessageBytes()));
        });
        upgrades.setHandler(new PageHandler());
        server.setHandler(new UpgradeRequestCheck(upgrades));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyEchoServer(server, connector, sessions);
    }

    /** HTTP/1.1 with the request head limited: larger heads get 431 (RFC 6585 §5). */
    private static HttpConnectionFactory httpWithLimits() {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(Limits.MAX_HANDSHAKE_BYTES);
        http.setSendServerVersion(false);
        return new HttpConnectionFactory(http);
    }

    /** Every limit of the contract set explicitly: Jetty's defaults are 64 KiB messages and 30 s idle. */
    private static void configureSessions(ServerWebSocketContainer container, ServerSettings settings) {
        // Jetty checks these two only for whole-message listeners; EchoEndpoint takes messages
        // fragment by fragment and keeps the same limit itself (TextMessageBuffer, BinaryMessageBuffer).
        container.setMaxTextMessageSize(settings.maxMessageBytes());
        container.setMaxBinaryMessageSize(settings.maxMessageBytes());
        // A single frame may be as large as a whole message, no larger (1009 beyond it).
        container.setMaxFrameSize(settings.maxMessageBytes());
        // Frames still arriving are handed on in pieces, so invalid UTF-8 is found as soon as it
        // arrives (RFC 6455 §8.1 "fail fast"), not only once a large frame is complete.
        container.setAutoFragment(true);
        // Jetty's own idle timeout (1001 too) is only the backstop: it also counts our pings as
        // activity, which is why Heartbeat watches what the peer sends.
        container.setIdleTimeout(settings.idleTimeout());
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Close 1001 to every open session, up to {@link Limits#SHUTDOWN_GRACE} for their answers, then stop. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!sessions.closeAll(CloseCodes.GOING_AWAY, "server shutting down", Limits.SHUTDOWN_GRACE)) {
                LOG.warn("{} session(s) did not answer the Close within {} s", sessions.size(), Limits.SHUTDOWN_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("stopping Jetty failed", e);
            }
        }
    }
}
