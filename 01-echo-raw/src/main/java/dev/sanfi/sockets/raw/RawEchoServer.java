package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.io.OpenSessions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo server of {@code server --io threads} (the default), on plain {@code java.net} sockets:
 * one thread accepts, and each connection gets a thread of its own ({@link EchoSession}) that does
 * blocking reads and writes, and runs the protocol core ({@code raw.protocol.Connection}) through
 * {@link WebSocketConnection}.
 *
 * <p>Thread per connection is the simplest model there is, and with Java 17's platform threads it
 * costs a stack per connection, so the number of connections is capped at {@link #MAX_CONNECTIONS}.
 * {@code --io selector} ({@code raw.io.SelectorEchoServer}) runs the same core the other way: one
 * selector thread for every connection.
 *
 * <p>With {@link ServerSettings#tls()} the listening socket is the JDK's {@code SSLServerSocket}, and
 * each accepted socket an {@code SSLSocket} that does the TLS handshake on its connection's thread
 * and then reads and writes plaintext: nothing above the socket changes.
 */
public final class RawEchoServer implements EchoServer {

    /** Connections served at once; more are answered {@code 503 Service Unavailable}. */
    static final int MAX_CONNECTIONS = 1000;

    /** Connections the operating system may queue before we accept them. */
    private static final int ACCEPT_BACKLOG = 256;

    private static final Logger LOG = LoggerFactory.getLogger(RawEchoServer.class);

    private final ServerSocket serverSocket;
    private final ServerSettings settings;
    private final ThreadPoolExecutor connectionThreads;
    private final Thread acceptThread;
    private final OpenSessions<EchoSession> sessions = new OpenSessions<>();
    /** Null for plain TCP. */
    private final HandshakeDeadline handshakeDeadlines;
    /** Guarded by this. */
    private boolean closed;

    private RawEchoServer(ServerSocket serverSocket, ServerSettings settings) {
        this.serverSocket = serverSocket;
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        // No queue: a connection gets a thread now (a new or an idle one), or is refused.
        this.connectionThreads = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> daemon(task, "raw-echo-connection-" + count.incrementAndGet()));
        this.acceptThread = daemon(this::acceptLoop, "raw-echo-accept-" + serverSocket.getLocalPort());
        this.handshakeDeadlines = settings.secure()
                ? new HandshakeDeadline("raw-echo-handshake-deadlines-" + serverSocket.getLocalPort()) : null;
    }

    /** Starts a server; it is listening when this returns. */
    public static RawEchoServer start(ServerSettings settings) throws IOException {
        ServerSocket serverSocket = settings.secure()
                ? settings.tls().getServerSocketFactory().createServerSocket() : new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(settings.host(), settings.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        RawEchoServer server = new RawEchoServer(serverSocket, settings);
        server.acceptThread.start();
        return server;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;                                   // close() was called
                }
                LOG.warn("accept failed: {}", e.toString());
                continue;
            }
            EchoSession session = new EchoSession(socket, settings, handshakeDeadlines, sessions::remove);
            if (!sessions.add(session)) {
                session.closeSocket();
                return;
            }
            try {
                connectionThreads.execute(session);
            } catch (RejectedExecutionException e) {
                sessions.remove(session);
                refuseBusy(socket);
            }
        }
    }

    /**
     * Over {@link #MAX_CONNECTIONS}: a short 503 (it fits in the socket's send buffer), then close.
     * Over TLS only the close: a 503 would need a TLS handshake first, on the accepting thread.
     */
    private static void refuseBusy(Socket socket) {
        try (socket) {
            if (socket instanceof javax.net.ssl.SSLSocket) {
                return;
            }
            socket.getOutputStream().write(Handshake.refusal(503, "too many connections, try again later").bytes());
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    /**
     * Stops accepting, sends Close 1001 to every open session, waits at most
     * {@link Limits#SHUTDOWN_GRACE} for them to end, then closes whatever is left.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + Limits.SHUTDOWN_GRACE.toNanos();
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // it is closed either way
        }
        // A peer that stopped reading could block even a small write; this guard frees it at the deadline.
        CountDownLatch done = new CountDownLatch(1);
        Thread guard = daemon(() -> {
            try {
                if (!done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    sessions.snapshot().forEach(EchoSession::closeSocket);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raw-echo-shutdown-guard");
        guard.start();
        try {
            acceptThread.join(Limits.SHUTDOWN_GRACE.toMillis());
            sessions.closeAll().forEach(EchoSession::goAway);
            connectionThreads.shutdown();
            if (!connectionThreads.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                sessions.snapshot().forEach(EchoSession::closeSocket);
                connectionThreads.shutdownNow();
                connectionThreads.awaitTermination(1, TimeUnit.SECONDS);
            }
            done.countDown();
            guard.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sessions.snapshot().forEach(EchoSession::closeSocket);
            connectionThreads.shutdownNow();
        }
        if (handshakeDeadlines != null) {
            handshakeDeadlines.close();
        }
        LOG.info("stopped listening on {}", serverSocket.getLocalSocketAddress());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
