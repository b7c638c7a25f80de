package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.JulBridge;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * The echo server: Tyrus's WebSocket engine inside a Grizzly HTTP server that this class builds
 * itself, so that it listens exactly on {@code host:port} (port 0 included) and serves the page
 * from memory.
 *
 * <p>The request path through Grizzly's filter chain: {@link HandshakeDeadline} (slow clients),
 * HTTP codec, {@link HandshakeGate} (bad upgrades answered completely), Tyrus's filter (the upgrade,
 * then frames to {@link EchoEndpoint}), and last {@link PageHandler} for plain HTTP.
 */
public final class JakartaEchoServer implements EchoServer {

    private static final AtomicInteger TIMER_THREADS = new AtomicInteger();

    private final HttpServer http;
    private final EchoServerContainer container;
    private final OpenSessions openSessions;
    private final ScheduledExecutorService timer;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JakartaEchoServer(HttpServer http, EchoServerContainer container, OpenSessions openSessions,
                              ScheduledExecutorService timer, InetSocketAddress localAddress) {
        this.http = http;
        this.container = container;
        this.openSessions = openSessions;
        this.timer = timer;
        this.localAddress = localAddress;
    }

    /** Starts listening on {@code settings.host():settings.port()}; returns once the socket is bound. */
    public static JakartaEchoServer start(ServerSettings settings) throws IOException {
        JulBridge.install();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jakarta-echo-timer-" + TIMER_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        OpenSessions openSessions = new OpenSessions();
        LastHeardHandoff handoff = new LastHeardHandoff();
        // Tyrus fails with 1011 when an unparsed frame plus the next read exceed this; the FrameGuard
        // already refuses every frame over the limit (1009), so Tyrus's own cap is not needed.
        EchoServerContainer container = new EchoServerContainer(Integer.MAX_VALUE);
        HttpServer http = new HttpServer();
        try {
            container.register(ServerEndpointConfig.Builder
                    .create(EchoEndpoint.class, EchoProtocol.ECHO_PATH)
                    .configurator(new EchoEndpointConfigurator(
                            () -> new EchoEndpoint(settings, openSessions, timer, JakartaEchoServer::peerName),
                            handoff))
                    .build());
            NetworkListener listener = listener(settings, container, timer, handoff);
            http.addListener(listener);
            http.getServerConfiguration().addHttpHandler(new PageHandler());
            http.start();
            InetSocketAddress bound = new InetSocketAddress(InetAddress.getByName(settings.host()), listener.getPort());
            return new JakartaEchoServer(http, container, openSessions, timer, bound);
        } catch (IOException | RuntimeException | DeploymentException e) {
            http.shutdownNow();
            container.stop();
            timer.shutdownNow();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Grizzly's listening socket and its filter chain, with Tyrus and our guards plugged in. */
    private static NetworkListener listener(ServerSettings settings, EchoServerContainer container,
                                            ScheduledExecutorService timer, LastHeardHandoff handoff) {
        // Exactly the address asked for; with port 0 the system picks one, and getPort() reads it back.
        NetworkListener listener = new NetworkListener("echo", settings.host(), settings.port());
        listener.setMaxHttpHeaderSize(Limits.MAX_HANDSHAKE_BYTES);
        // The endpoint's sends block; they must run on worker threads, never on a selector thread.
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        // A WebSocket connection lives long; the SilenceWatch, not Grizzly, decides when one is idle.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(container, EchoServerContainer.CONTEXT_PATH));
        listener.registerAddOn((networkListener, chain) -> insertGuards(chain, settings, timer, handoff));
        return listener;
    }

    /** The deadline first (it acts on accept); after the HTTP codec the gate, then the frame guard, then Tyrus. */
    private static void insertGuards(FilterChainBuilder chain, ServerSettings settings, ScheduledExecutorService timer,
                                     LastHeardHandoff handoff) {
        int codec = chain.indexOfType(HttpCodecFilter.class);
        chain.add(codec + 1, new FrameGuard(settings.maxMessageBytes(), timer, handoff));
        chain.add(codec + 1, new HandshakeGate(settings.originPolicy()));
        chain.add(codec, new HandshakeDeadline(timer, settings.handshakeTimeout()));
    }

    /** For the log: the jakarta API has no remote address, Tyrus's session does. */
    private static String peerName(Session session) {
        return session instanceof TyrusSession tyrus ? tyrus.getRemoteAddr() : session.getId();
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            openSessions.closeAll(new CloseReason(CloseCodes.GOING_AWAY, "server stopping"), Limits.SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.shutdownNow();
            container.stop();
            timer.shutdownNow();
            try {
                timer.awaitTermination(Limits.SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
