package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.JulBridge;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.spring.guard.OpenSessions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The echo server: a Spring Boot application ({@link SpringEchoApplication}) started in code, on
 * the host and port of the settings, with the embedded Tomcat that Spring Boot chooses by default,
 * speaking TLS when the settings carry a context ({@code tls.TlsConnector}).
 * Everything is one application context, so that {@link #close()} stops all of it.
 */
public final class SpringEchoServer implements EchoServer {

    private static final Logger LOG = LoggerFactory.getLogger(SpringEchoServer.class);

    /** Connections Tomcat keeps open at once; a new one waits in the listen queue past this. */
    static final int MAX_CONNECTIONS = 20_000;

    private final ConfigurableApplicationContext context;
    private final OpenSessions openSessions;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SpringEchoServer(ConfigurableApplicationContext context, InetSocketAddress localAddress) {
        this.context = context;
        this.openSessions = context.getBean(OpenSessions.class);
        this.localAddress = localAddress;
    }

    /**
     * Tomcat's cipher-list parser fills its static tables on first use without a lock, and two TLS
     * servers starting at once in one JVM (tests do) broke it (UnsupportedOperationException in
     * OpenSSLCipherConfigurationParser.init): the TLS servers of one JVM start one at a time.
     */
    private static final Object TLS_START = new Object();

    /** Starts Spring Boot on {@code settings.host():settings.port()}; returns once Tomcat listens. */
    public static SpringEchoServer start(ServerSettings settings) throws IOException {
        JulBridge.install(); // Tomcat logs through java.util.logging
        // Spring Boot would take over java.util.logging when it finds neither Logback nor Log4j, and
        // undo the bridge: every module logs through SLF4J's simple binding, Spring Boot included.
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        }
        long startNanos = System.nanoTime();
        SpringApplication application = new SpringApplication(SpringEchoApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // EchoServer.close() stops the context; the command line has its own hook that calls it.
        application.setRegisterShutdownHook(false);
        application.addInitializers(context ->
                ((GenericApplicationContext) context).registerBean(ServerSettings.class, () -> settings));
        ConfigurableApplicationContext context;
        Object startLock = settings.secure() ? TLS_START : new Object();
        synchronized (startLock) {
            try {
                // Spring Boot's own properties, as `java -jar app.jar --server.port=8087` would give them;
                // arguments outrank every other property source (environment, application.properties).
                context = application.run(
                        "--server.address=" + settings.host(),
                        "--server.port=" + settings.port(),
                        // Tomcat answers a larger request head with 400 itself.
                        "--server.max-http-request-header-size=" + Limits.MAX_HANDSHAKE_BYTES + "B",
                        // Before the upgrade, each read and write may wait this long; the whole handshake
                        // has the same time in all (guard.HandshakeDeadline).
                        "--server.tomcat.connection-timeout=" + settings.handshakeTimeout().toMillis() + "ms",
                        // Tomcat's default, 8,192 open connections, is reached by idle WebSockets long before
                        // memory is (each holds under 100 KiB); past it Tomcat stops accepting, and a new
                        // client waits in the listen queue until its connect times out. 20,000, as 01's selector.
                        "--server.tomcat.max-connections=" + MAX_CONNECTIONS);
            } catch (RuntimeException e) {
                throw new IOException(rootMessage(e), e);
            }
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        InetSocketAddress bound = new InetSocketAddress(InetAddress.getByName(settings.host()), port);
        LOG.info("Spring Boot with Tomcat listening on {} after {} ms", bound,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return new SpringEchoServer(context, bound);
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
            context.close(); // stops Tomcat, the STOMP broker and every thread of the context
        }
    }

    /** The innermost cause's message: "Address already in use", not Spring's wrapping of it. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
