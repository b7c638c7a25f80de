package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A WebSocket client on a plain socket (in an {@code SSLSocket} for {@code wss://}, as
 * {@link ClientOptions} say whom to trust), with the same core as the server: {@link ClientHandshake},
 * then a {@link WebSocketConnection} whose frames are masked with {@link SecureRandom} keys (§5.3,
 * §10.3). One thread reads; it answers Pings and reports messages to the {@link ClientEvents}.
 * With {@link ClientOptions#deflate()} it offers permessage-deflate as a browser does
 * ({@code permessage-deflate; client_max_window_bits}) and compresses once the server agrees.
 */
public final class RawEchoClient implements EchoClientSession {


    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebSocketConnection connection;
    private final Thread reader;
    /** What the server agreed to of our permessage-deflate offer; null for none. */
    private final DeflateParameters deflate;

    private RawEchoClient(WebSocketConnection connection, String name, DeflateParameters deflate) {
        this.connection = connection;
        this.deflate = deflate;
        this.reader = new Thread(connection::run, "raw-echo-client " + name);
        this.reader.setDaemon(true);
    }

    /** The permessage-deflate parameters the server agreed to (RFC 7692), or null when the connection is not compressed. */
    public DeflateParameters deflate() {
        return deflate;
    }

    /** Connects with {@link ClientOptions#defaults()}: the JDK's trust store, no compression. */
    public static RawEchoClient connect(URI uri, ClientEvents events) throws IOException {
        return connect(uri, ClientOptions.defaults(), events);
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} URI (any path) and completes the opening
     * handshake, all within {@link Limits#HANDSHAKE_TIMEOUT}.
     *
     * @throws HandshakeException when the server refuses the upgrade or answers it wrongly
     * @throws IOException        when the server cannot be reached
     */
    public static RawEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws IOException {
        long deadline = System.nanoTime() + Limits.HANDSHAKE_TIMEOUT.toNanos();
        Socket socket = open(uri, options, deadline);
        try {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            ClientHandshake handshake = new ClientHandshake(nonce, options.deflate());
            socket.getOutputStream().write(handshake.request(uri));
            HeadReader.Head response = HeadReader.read(socket, socket.getInputStream(), deadline);
            DeflateParameters deflate = handshake.verify(response.head());
            WebSocketConnection connection = WebSocketConnection.forClient(socket, response.leftover(),
                    Limits.MAX_MESSAGE_BYTES, deflate, RANDOM::nextInt, reportingTo(events));
            RawEchoClient client = new RawEchoClient(connection, uri.toString(), deflate);
            client.reader.start();
            return client;
        } catch (IOException | RuntimeException e) { // a refused handshake is an IOException too
            socket.close();
            throw e;
        }
    }

    /**
     * The TCP connection, wrapped in TLS for {@code wss://} (RFC 6455 §4.1: the TLS handshake comes
     * before the opening handshake): the server's certificate is judged by {@code options.trust()}
     * (the JDK's trust store when null) and, unless {@code options.verifyHostname()} is off, must
     * name the host of the URL (endpoint identification "HTTPS", RFC 2818 §3.1).
     */
    private static Socket open(URI uri, ClientOptions options, long deadline) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            throw new IllegalArgumentException("not a WebSocket URI (ws:// or wss://): " + uri);
        }
        boolean secure = scheme.equals("wss");
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        int timeout = (int) Limits.HANDSHAKE_TIMEOUT.toMillis();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setTcpNoDelay(true);
            if (!secure) {
                return socket;
            }
            SSLSocketFactory factory = options.trust() != null ? options.trust().getSocketFactory()
                    : (SSLSocketFactory) SSLSocketFactory.getDefault();
            SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            if (options.verifyHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isIpLiteral(host)) {
                // RFC 6455 §4.1: a client uses Server Name Indication; RFC 6066 §3 allows host names
                // only, and the JDK sends none by itself for a name without a dot, such as localhost.
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static WebSocketConnection.Listener reportingTo(ClientEvents events) {
        return new WebSocketConnection.Listener() {
            @Override
            public void onMessage(WebSocketConnection connection, Message message) {
                if (message.isText()) {
                    events.onText(message.text());
                } else {
                    events.onBinary(message.payload());
                }
            }

            @Override
            public void onClose(ClosePayload received, ClosePayload sent) {
                if (received != null) {
                    events.onClose(received.code(), received.reason());
                } else {
                    String why = sent != null ? "no Close from the server after ours (" + sent.code() + " " + sent.reason() + ")"
                            : "the connection ended without a Close frame";
                    events.onClose(CloseCode.ABNORMAL_CLOSURE.code(), why);
                }
            }
        };
    }

    @Override
    public void sendText(String text) throws IOException {
        connection.send(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendBinary(byte[] data) throws IOException {
        connection.send(Opcode.BINARY, data);
    }

    @Override
    public void sendClose(int code, String reason) throws IOException {
        connection.startClose(new ClosePayload(code, reason));
    }

    /** Closes the socket (abruptly if the connection is still open) and waits for the reading thread. */
    @Override
    public void close() {
        connection.abort();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(Limits.SHUTDOWN_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
