package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.io.Keepalive;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted TCP connection of the {@link RawEchoServer}, on its own thread: the HTTP request
 * first (the page, a refusal, or the upgrade), then, if upgraded, the echo until the connection ends.
 * For {@code wss://} the socket is an {@link SSLSocket}, and the TLS handshake comes before the
 * request, within the same deadline; everything after it reads and writes plaintext as before.
 */
final class EchoSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RawEchoServer.class);

    /** After an HTTP answer, how long to wait for the client to hang up before closing anyway. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private final Socket socket;
    private final ServerSettings settings;
    /** Told when the session is over, so the server forgets it. */
    private final Consumer<EchoSession> onEnd;
    private final String peer;
    /** Null for plain TCP, where the read timeouts bound the handshake by themselves. */
    private final HandshakeDeadline deadlines;

    /** Guarded by this. */
    private WebSocketConnection connection;
    private boolean goingAway;

    EchoSession(Socket socket, ServerSettings settings, HandshakeDeadline deadlines, Consumer<EchoSession> onEnd) {
        this.socket = socket;
        this.settings = settings;
        this.deadlines = deadlines;
        this.onEnd = onEnd;
        this.peer = describe(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + settings.handshakeTimeout().toNanos();
        HandshakeDeadline.Watch watch = deadlines == null ? null : deadlines.watch(socket, deadline);
        try {
            socket.setTcpNoDelay(true);     // a small echo must not wait for Nagle's algorithm
            if (socket instanceof SSLSocket tls) {
                // RFC 6455 §4.1: for wss:// the TLS handshake comes first; the request is read inside it.
                tls.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                tls.startHandshake();
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            HeadReader.Head request = null;
            Handshake.Response response;
            try {
                request = HeadReader.read(socket, in, deadline);
                response = Handshake.respond(request.head(), settings.originPolicy(), settings.deflate());
            } catch (HandshakeException e) {
                response = Handshake.refusal(e.status(), e.getMessage());
            }
            if (watch != null) {
                watch.done();
            }
            out.write(response.bytes());
            if (response.upgraded()) {
                echo(request.leftover(), response.deflate());
            } else {
                LOG.info("{} {} -> {}", peer, request != null ? request.head().startLine() : "(request head)", response.status());
                lingerAndClose(in);
            }
        } catch (SocketTimeoutException | EOFException e) {
            LOG.info("{} no complete handshake: {}", peer, e.getMessage());
        } catch (IOException e) {
            if (watch != null && watch.expired()) {
                LOG.info("{} no complete handshake: not done within {} ms", peer, settings.handshakeTimeout().toMillis());
            } else if (e instanceof SSLException) {
                LOG.info("{} TLS failed: {}", peer, e.getMessage()); // plain HTTP, garbage, a client that refused us
            } else {
                LOG.debug("{} failed: {}", peer, e.toString());
            }
        } finally {
            if (watch != null) {
                watch.done();
            }
            try {
                socket.close();     // the session is over: a plain close (FIN, and close_notify over TLS)
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            onEnd.accept(this);
        }
    }

    /**
     * The WebSocket part: every message goes back as it came, on this thread, in order.
     *
     * @param deflate the permessage-deflate the 101 agreed to, or null
     */
    private void echo(byte[] leftover, DeflateParameters deflate) throws IOException {
        WebSocketConnection.Listener echo = new WebSocketConnection.Listener() {
            @Override
            public void onMessage(WebSocketConnection connection, Message message) {
                connection.queue(message.opcode(), message.payload());
            }

            @Override
            public void onClose(ClosePayload received, ClosePayload sent) {
                logClosed(received, sent);
            }
        };
        WebSocketConnection opened = WebSocketConnection.forServer(socket, leftover, settings.maxMessageBytes(), deflate,
                new Keepalive(settings.pingInterval(), settings.idleTimeout()), echo);
        boolean stopping;
        synchronized (this) {
            connection = opened;
            stopping = goingAway;
        }
        LOG.info("{} opened{}", peer, deflate == null ? "" : ", " + deflate.headerValue());
        if (stopping) {
            opened.startClose(new ClosePayload(CloseCode.GOING_AWAY, "server shutting down"));
        }
        opened.run();
    }

    /**
     * The server is stopping: an open WebSocket gets Close 1001 (§7.4.1 "going away"); a
     * connection still in its handshake is simply closed.
     */
    void goAway() {
        WebSocketConnection open;
        synchronized (this) {
            goingAway = true;
            open = connection;
        }
        if (open == null) {
            closeSocket();
            return;
        }
        try {
            open.startClose(new ClosePayload(CloseCode.GOING_AWAY, "server shutting down"));
        } catch (IOException e) {
            open.abort();
        }
    }

    /** Closes the socket at once, even while its thread is blocked writing; the session's thread then ends. */
    void closeSocket() {
        WebSocketConnection.closeNow(socket);
    }

    /**
     * After an HTTP answer with {@code Connection: close}: send FIN, then read until the client hangs
     * up (briefly). Closing a socket with unread bytes sends a TCP reset, which can destroy the answer
     * before the client has read it, e.g. a 431 for a head it has not finished sending.
     */
    private void lingerAndClose(InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout((int) LINGER.toMillis());
        byte[] discard = new byte[4096];
        try {
            while (in.read(discard) >= 0) {
                // ignore whatever else the client sends
            }
        } catch (SocketTimeoutException enough) {
            // the client did not hang up; close anyway
        }
    }

    /** One line per closed connection: both Close frames (or their absence), so it is clear who closed and why. */
    private void logClosed(ClosePayload received, ClosePayload sent) {
        LOG.info("{} closed: received {}, sent {}", peer, describe(received), describe(sent));
    }

    private static String describe(ClosePayload close) {
        if (close == null) {
            return "no Close";
        }
        return CloseCode.describe(close.code()) + (close.reason().isEmpty() ? "" : " (" + close.reason() + ")");
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
