package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.JulBridge;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.jakarta.guard.CloseOnce;
import dev.sanfi.sockets.jakarta.guard.DeflateNegotiation;
import dev.sanfi.sockets.jakarta.guard.EmptyCloseEcho;
import dev.sanfi.sockets.jakarta.guard.FrameCheckFilter;
import dev.sanfi.sockets.jakarta.guard.HandshakeDeadline;
import dev.sanfi.sockets.jakarta.guard.Keepalive;
import dev.sanfi.sockets.jakarta.guard.LingeringClose;
import dev.sanfi.sockets.jakarta.guard.OpenSessions;
import dev.sanfi.sockets.jakarta.guard.PerMessageDeflate;
import dev.sanfi.sockets.jakarta.guard.RequestCheck;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * The echo server: Tyrus's WebSocket engine with the {@link EchoEndpoint}, inside a Grizzly HTTP
 * server that this class builds itself, so that it listens exactly on {@code host:port} (port 0
 * included) and serves the page from memory; the filters of the {@code guard} package sit between
 * Grizzly's HTTP codec and Tyrus.
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
        // Tyrus fails with 1011 when an unparsed frame plus the next read exceed this; the guard
        // refuses every frame over the limit (1009) before Tyrus sees it, so Tyrus's own cap is not needed.
        // permessage-deflate (RFC 7692) only when asked for: Tyrus's own extension (made per message
        // by the guard), installed in the container, which gives it to every endpoint it deploys.
        EchoServerContainer container = new EchoServerContainer(Integer.MAX_VALUE,
                settings.deflate() ? Set.of(new PerMessageDeflate()) : Set.of());
        // The specification's own settings: Tyrus buffers messages up to the limit, and never closes a
        // session as idle itself (it would close with 1000; the guard's Keepalive closes with 1001).
        container.setDefaultMaxTextMessageBufferSize(settings.maxMessageBytes());
        container.setDefaultMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        container.setDefaultMaxSessionIdleTimeout(0);
        LingeringClose lingering = new LingeringClose(timer);
        CloseOnce closeOnce = new CloseOnce(lingering);
        OpenSessions openSessions = new OpenSessions(closeOnce);
        HttpServer http = new HttpServer();
        try {
            container.register(EchoEndpoint.class);
            NetworkListener listener = listener(settings, container, timer, lingering, closeOnce, openSessions);
            http.addListener(listener);
            http.getServerConfiguration().addHttpHandler(new PageHandler(settings.originPolicy()));
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

    /** Grizzly's listening socket and its filter chain, with Tyrus and the guard plugged in. */
    private static NetworkListener listener(ServerSettings settings, EchoServerContainer container,
                                            ScheduledExecutorService timer, LingeringClose lingering,
                                            CloseOnce closeOnce, OpenSessions openSessions) {
        // Exactly the address asked for; with port 0 the system picks one, and getPort() reads it back.
        NetworkListener listener = new NetworkListener("echo", settings.host(), settings.port());
        listener.setMaxHttpHeaderSize(Limits.MAX_HANDSHAKE_BYTES);
        // The endpoint's sends block; they must run on worker threads, never on a selector thread.
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        // A WebSocket connection lives long; the Keepalive, not Grizzly, decides when one is idle.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        if (settings.secure()) {
            // Grizzly's SSL filter goes right above the transport, so everything above it — the HTTP
            // codec, the guard, Tyrus, the page — reads and writes plain bytes: https:// and wss://.
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(settings.tls(), false, false, false));
        }
        listener.registerAddOn(new WebSocketAddOn(container, EchoServerContainer.CONTEXT_PATH));
        listener.registerAddOn((networkListener, chain) -> insertGuard(chain, settings, timer, lingering, closeOnce, openSessions));
        return listener;
    }

    /**
     * The deadline before the HTTP codec (it acts on accept); after the codec, in the order reads pass
     * them: the request check, the extension offers, the lingering close, the keepalive, the frame
     * check; then the two that act on Tyrus's writes, which pass them in the other direction.
     */
    private static void insertGuard(FilterChainBuilder chain, ServerSettings settings, ScheduledExecutorService timer,
                                    LingeringClose lingering, CloseOnce closeOnce, OpenSessions openSessions) {
        Keepalive keepalive = new Keepalive(timer, settings.pingInterval(), settings.idleTimeout(), closeOnce);
        RequestCheck requestCheck = new RequestCheck(settings.originPolicy(), connection -> {
            closeOnce.track(connection);
            openSessions.add(connection);
            keepalive.start(connection);
        });
        int codec = chain.indexOfType(HttpCodecFilter.class);
        chain.add(codec + 1, closeOnce);
        chain.add(codec + 1, new EmptyCloseEcho());
        chain.add(codec + 1, new FrameCheckFilter(settings.maxMessageBytes(), closeOnce));
        chain.add(codec + 1, keepalive);
        chain.add(codec + 1, lingering);
        chain.add(codec + 1, new DeflateNegotiation(settings.deflate()));
        chain.add(codec + 1, requestCheck);
        chain.add(codec, new HandshakeDeadline(timer, settings.handshakeTimeout()));
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
            openSessions.closeAll(Limits.SHUTDOWN_GRACE);
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
