package dev.sanfi.sockets.testkit;

import dev.sanfi.sockets.common.EchoServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The contract's own WebSocket client, on a plain {@link Socket}: it writes whatever bytes a test
 * asks for and reads back exactly what the server sent.
 *
 * <p>It shares no code with any module, so that a bug in a module's frame code cannot hide itself
 * by being on both ends. It is also deliberately not a correct client: it sends frames a real
 * client never would, so that the server's refusals can be tested.
 *
 * <p>Over TLS ({@link #connectTls}) it is the same client inside an {@link SSLSocket}: every write
 * is one TLS record, so "byte by byte" means one record per byte, and the server's TLS layer is
 * tested as well as its frame parser.
 *
 * <p>Every read has a timeout ({@link Socket#setSoTimeout}); a timeout is reported as an
 * {@link AssertionError} that says what was awaited. Frames from the server are checked against
 * RFC 6455 §5.1: a server never masks what it sends; and against §5.2: no RSV bit, unless the server
 * agreed to permessage-deflate, which gives RSV1 a meaning on the first frame of a message only
 * (RFC 7692 §6). Compressing and inflating is {@link DeflatePeer}'s.
 */
public final class WireClient implements AutoCloseable {

    /** How long a read waits for the server unless told otherwise; generous for 2 busy cores. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Larger frames from the server are not expected: the contract's largest message is 1 MiB. */
    private static final long MAX_FRAME_PAYLOAD = 64L * 1024 * 1024;

    private final Socket socket;
    /** The TCP socket under a TLS one (the same as socket for plain TCP): closed first, so nothing waits for a lock. */
    private final Socket tcp;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private ExecutorService writer;
    /** Whether the server's 101 agreed to permessage-deflate: RSV1 may then mark a compressed message. */
    private volatile boolean perMessageDeflate;

    private WireClient(Socket socket, String host) throws IOException {
        this(socket, socket, host);
    }

    private WireClient(Socket socket, Socket tcp, String host) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.host = host;
        // Buffered, so that reading a response head or a frame header byte by byte is cheap; the
        // bytes after a 101 stay in the same buffer and are read as frames.
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection (no handshake yet) to the address. */
    public static WireClient connect(InetSocketAddress address) throws IOException {
        return connect(address, 0, 0);
    }

    /**
     * Opens a TCP connection (no handshake yet) with the socket's receive and send buffers set before
     * it connects, so that the TCP window is small from the first byte. Small buffers make a peer that
     * stops reading, or writes that the server stops taking, show after kilobytes instead of
     * megabytes. The kernel may round a size (Linux doubles it).
     *
     * @param receiveBufferBytes {@link Socket#setReceiveBufferSize}, or 0 for the system's default
     * @param sendBufferBytes    {@link Socket#setSendBufferSize}, or 0 for the system's default
     */
    public static WireClient connect(InetSocketAddress address, int receiveBufferBytes, int sendBufferBytes)
            throws IOException {
        if (receiveBufferBytes < 0 || sendBufferBytes < 0) {
            throw new IllegalArgumentException("buffer sizes are positive, or 0 for the default; were "
                    + receiveBufferBytes + " and " + sendBufferBytes);
        }
        InetAddress target = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address.getAddress();
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            if (sendBufferBytes > 0) {
                socket.setSendBufferSize(sendBufferBytes);
            }
            // Each write goes out as it is: "byte by byte" tests really send one byte per segment.
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target, address.getPort()), (int) DEFAULT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            return new WireClient(socket, hostHeader(target, address.getPort()));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Opens a TCP connection and completes a TLS handshake on it, as an HTTPS client does (no
     * WebSocket handshake yet): the server's certificate must chain to {@code trust} and name
     * {@code hostName} (endpoint identification "HTTPS", RFC 2818 §3.1), and a host name that is not an
     * IP literal is sent as the server name (SNI, RFC 6066 §3).
     *
     * @param hostName the name the client dialled: checked against the certificate, sent as SNI and
     *                 in the {@code Host} header; the connection itself goes to {@code address}
     * @throws javax.net.ssl.SSLHandshakeException when the server's certificate is refused
     */
    public static WireClient connectTls(InetSocketAddress address, SSLContext trust, String hostName) throws IOException {
        return connectTls(address, trust, hostName, 0, 0);
    }

    /**
     * {@link #connectTls(InetSocketAddress, SSLContext, String)} with the socket's buffers set before
     * it connects, as {@link #connect(InetSocketAddress, int, int)} does for plain TCP.
     */
    public static WireClient connectTls(InetSocketAddress address, SSLContext trust, String hostName,
                                        int receiveBufferBytes, int sendBufferBytes) throws IOException {
        if (receiveBufferBytes < 0 || sendBufferBytes < 0) {
            throw new IllegalArgumentException("buffer sizes are positive, or 0 for the default; were "
                    + receiveBufferBytes + " and " + sendBufferBytes);
        }
        InetAddress target = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address.getAddress();
        Socket tcp = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                tcp.setReceiveBufferSize(receiveBufferBytes);
            }
            if (sendBufferBytes > 0) {
                tcp.setSendBufferSize(sendBufferBytes);
            }
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(target, address.getPort()), (int) DEFAULT_TIMEOUT.toMillis());
            tcp.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(tcp, hostName, address.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(hostName)) {
                parameters.setServerNames(java.util.List.of(new SNIHostName(hostName)));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return new WireClient(tls, tcp, (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":" + address.getPort());
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** {@link #connectTls(InetSocketAddress, SSLContext, String)} to a running echo server. */
    public static WireClient connectTls(EchoServer server, SSLContext trust, String hostName) throws IOException {
        return connectTls(server.localAddress(), trust, hostName);
    }

    /** Connects over TLS and completes a valid opening handshake to {@code /echo}: a {@code wss://} connection. */
    public static WireClient openTls(EchoServer server, SSLContext trust, String hostName) throws IOException {
        WireClient client = connectTls(server, trust, hostName);
        try {
            client.upgrade(client.upgradeRequest());
            return client;
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** The TLS session of a connection made by {@link #connectTls}; empty for plain TCP. */
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession()) : Optional.empty();
    }

    /** Opens a TCP connection (no handshake yet) to a running echo server. */
    public static WireClient connect(EchoServer server) throws IOException {
        return connect(server.localAddress());
    }

    /** Connects and completes a valid opening handshake to {@code /echo}, checked as RFC 6455 §4.1 says. */
    public static WireClient open(EchoServer server) throws IOException {
        WireClient client = connect(server);
        try {
            client.upgrade(client.upgradeRequest());
            return client;
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private static String hostHeader(InetAddress address, int port) {
        String literal = address.getHostAddress();
        return (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + port;
    }

    /** The {@code Host} header value for this connection, e.g. {@code 127.0.0.1:40123}. */
    public String host() {
        return host;
    }

    /** The valid opening handshake for this connection (RFC 6455 §4.1), ready to be altered. */
    public HandshakeRequest upgradeRequest() {
        return HandshakeRequest.upgrade(host);
    }

    /** Sends a request head and reads the response (status, headers, body). */
    public HttpResponse exchange(HandshakeRequest request) throws IOException {
        sendRaw(request.toBytes());
        return readResponse(DEFAULT_TIMEOUT);
    }

    /**
     * Sends an upgrade request and checks the answer is a valid switch to WebSocket: 101,
     * {@code Upgrade: websocket}, {@code Connection: Upgrade}, the right {@code Sec-WebSocket-Accept},
     * and no extension or subprotocol that was not asked for (RFC 6455 §4.1, the client's checks).
     * An answer that agrees to permessage-deflate lets the server's frames carry RSV1 from then on;
     * what its parameters say is for the caller to check ({@link NegotiatedDeflate}).
     */
    public HttpResponse upgrade(HandshakeRequest request) throws IOException {
        HttpResponse response = exchange(request);
        String rule = "RFC 6455 §4.2.2: a valid upgrade request to /echo is answered ";
        if (response.status() != 101) {
            throw new AssertionError(rule + "with 101 Switching Protocols; got:\n" + response + "\nfor:\n" + request);
        }
        if (!"websocket".equalsIgnoreCase(response.header("Upgrade"))) {
            throw new AssertionError(rule + "with 'Upgrade: websocket'; got:\n" + response);
        }
        if (!response.headerHasToken("Connection", "Upgrade")) {
            throw new AssertionError(rule + "with 'Connection: Upgrade'; got:\n" + response);
        }
        String expected = AcceptKey.of(request.header("Sec-WebSocket-Key"));
        if (!expected.equals(response.header("Sec-WebSocket-Accept"))) {
            throw new AssertionError(rule + "with Sec-WebSocket-Accept " + expected + " for key "
                    + request.header("Sec-WebSocket-Key") + "; got:\n" + response);
        }
        for (String unasked : new String[] {"Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol"}) {
            if (response.header(unasked) != null && request.header(unasked) == null) {
                throw new AssertionError("RFC 6455 §4.1: a server must not answer with " + unasked
                        + " the client did not ask for; got:\n" + response);
            }
        }
        perMessageDeflate = NegotiatedDeflate.named(response);
        return response;
    }

    /** Reads one HTTP response. */
    public HttpResponse readResponse(Duration timeout) throws IOException {
        setTimeout(timeout);
        try {
            return HttpResponse.read(in);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete HTTP response from the server within " + timeout.toMillis() + " ms", e);
        }
    }

    /** Writes bytes as they are, in one write. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes bytes in pieces of at most {@code pieceSize}, one write each (TCP_NODELAY is on). */
    public void sendInPieces(byte[] bytes, int pieceSize) throws IOException {
        for (int at = 0; at < bytes.length; at += pieceSize) {
            out.write(bytes, at, Math.min(pieceSize, bytes.length - at));
            out.flush();
        }
    }

    /** Writes one frame (masked if the frame says so) in one write. */
    public void send(Frame frame) throws IOException {
        sendRaw(frame.toBytes());
    }

    /** Writes many frames together, in one write. */
    public void sendTogether(Frame... frames) throws IOException {
        sendRaw(Frame.concat(frames));
    }

    /**
     * Writes bytes from a background thread while the test reads. Needed for large writes the server
     * may stop reading half-way (it refuses a message that is too big): a blocking write would then
     * never return, and the server's Close could not be read.
     *
     * @return completes when written, or exceptionally when the connection broke first
     */
    public CompletableFuture<Void> sendInBackground(byte[] bytes) {
        return sendInBackground(bytes, bytes.length);
    }

    /** {@link #sendInPieces} from a background thread, like {@link #sendInBackground(byte[])}. */
    public CompletableFuture<Void> sendInBackground(byte[] bytes, int pieceSize) {
        synchronized (this) {
            if (writer == null) {
                writer = Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "wire-client-writer");
                    thread.setDaemon(true);
                    return thread;
                });
            }
        }
        return CompletableFuture.runAsync(() -> {
            try {
                sendInPieces(bytes, Math.max(1, pieceSize));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writer);
    }

    /** Reads the next frame, whatever it is, within {@link #DEFAULT_TIMEOUT}. */
    public Frame readFrame() throws IOException {
        return readFrame(DEFAULT_TIMEOUT);
    }

    /** Reads the next frame, whatever it is, failing if none arrives within the timeout. */
    public Frame readFrame(Duration timeout) throws IOException {
        return pollFrame(timeout).orElseThrow(() -> new AssertionError(
                "no frame from the server within " + timeout.toMillis() + " ms"));
    }

    /**
     * Reads the next frame, or returns empty when none starts within the timeout. A frame that
     * starts in time is read to its end.
     */
    public Optional<Frame> pollFrame(Duration timeout) throws IOException {
        setTimeout(timeout);
        Frame frame;
        try {
            frame = Frame.read(in, MAX_FRAME_PAYLOAD);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (EOFException e) {
            throw new AssertionError("expected a frame, but " + e.getMessage(), e);
        } catch (SocketException e) {
            throw new AssertionError("expected a frame, but the connection broke: " + e.getMessage(), e);
        } catch (SSLException e) {
            throw new AssertionError("expected a frame, but the TLS connection broke: " + e.getMessage(), e);
        }
        checkServerFrame(frame);
        return Optional.of(frame);
    }

    /**
     * Reads the next frame, or returns empty when the connection ends where a frame would start: the
     * server closed TCP (EOF) or reset it, or this side was closed (by {@link #close()} from another
     * thread). For a reader that runs until the connection ends, where the end is an answer and not a
     * failure. A connection that ends inside a frame, no frame within the timeout, or a frame no
     * server may send are failures, as in {@link #readFrame(Duration)}.
     */
    public Optional<Frame> readFrameOrEnd(Duration timeout) throws IOException {
        try {
            setTimeout(timeout);
            in.mark(1);
            if (in.read() == -1) {
                return Optional.empty();
            }
            in.reset();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server within " + timeout.toMillis() + " ms", e);
        } catch (SocketException | SSLException e) {
            return Optional.empty(); // reset by the server, or closed on this side (over TLS: an SSLException)
        }
        return Optional.of(readFrame(timeout));
    }

    /** What every frame a server sends must be, whatever the test (RFC 6455 §5.1, §5.2, §5.5; RFC 7692 §6). */
    private void checkServerFrame(Frame frame) {
        if (frame.masked()) {
            throw new AssertionError("RFC 6455 §5.1: a server must not mask any frame it sends; got " + frame);
        }
        boolean firstOfMessage = frame.opcode() == Frame.TEXT || frame.opcode() == Frame.BINARY;
        if (frame.rsv() == Frame.RSV1 && perMessageDeflate && !firstOfMessage) {
            throw new AssertionError("RFC 7692 §6: RSV1 (\"Per-Message Compressed\") is never set on a control frame "
                    + "or a continuation; got " + frame);
        }
        if (frame.rsv() != 0 && !(frame.rsv() == Frame.RSV1 && perMessageDeflate)) {
            throw new AssertionError("RFC 6455 §5.2: RSV bits must be 0 unless a negotiated extension defines them"
                    + (perMessageDeflate ? " (permessage-deflate defines RSV1 only)" : "") + "; got " + frame);
        }
        boolean known = switch (frame.opcode()) {
            case Frame.CONTINUATION, Frame.TEXT, Frame.BINARY, Frame.CLOSE, Frame.PING, Frame.PONG -> true;
            default -> false;
        };
        if (!known) {
            throw new AssertionError("RFC 6455 §5.2: a server must not send a reserved opcode; got " + frame);
        }
        if (frame.isControl() && (!frame.fin() || frame.payload().length > 125)) {
            throw new AssertionError("RFC 6455 §5.5: a control frame is never fragmented and carries at most 125 bytes; got "
                    + frame);
        }
    }

    /**
     * Reads the next complete data message, joining its fragments (RFC 6455 §5.4: a server, or
     * anything between, may fragment). Any control frame or stray continuation is a failure.
     */
    public Message readMessage() throws IOException {
        return readMessage(DEFAULT_TIMEOUT);
    }

    public Message readMessage(Duration timeout) throws IOException {
        List<Frame> frames = readMessageFrames(timeout);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        frames.forEach(frame -> data.writeBytes(frame.payload()));
        return new Message(frames.get(0).opcode(), data.toByteArray());
    }

    /**
     * Reads the frames of the next data message: a TEXT or BINARY frame, then its CONTINUATIONs up to
     * the final one (RFC 6455 §5.4). For a caller that needs the first frame's bits too, such as
     * RSV1, which marks a compressed message (RFC 7692 §6). Any control frame is a failure.
     */
    public List<Frame> readMessageFrames(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Frame first = readFrame(remaining(deadline));
        if (first.opcode() != Frame.TEXT && first.opcode() != Frame.BINARY) {
            throw new AssertionError("expected a TEXT or BINARY message, got " + describe(first));
        }
        List<Frame> frames = new ArrayList<>(List.of(first));
        Frame next = first;
        while (!next.fin()) {
            next = readFrame(remaining(deadline));
            if (next.opcode() != Frame.CONTINUATION) {
                throw new AssertionError("RFC 6455 §5.4: expected the next fragment (CONTINUATION) of a "
                        + Frame.opcodeName(first.opcode()) + " message, got " + describe(next));
            }
            frames.add(next);
        }
        return frames;
    }

    /**
     * Reads until the server's Close frame and returns its code and reason. Pings on the way are
     * skipped (a server may ping at any time); any other frame is a failure.
     */
    public Close awaitClose() throws IOException {
        return awaitClose(DEFAULT_TIMEOUT);
    }

    public Close awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = pollFrame(remaining(deadline)).orElseThrow(() -> new AssertionError(
                    "no Close frame from the server within " + timeout.toMillis() + " ms"));
            if (frame.opcode() == Frame.PING) {
                continue;
            }
            if (frame.opcode() != Frame.CLOSE) {
                throw new AssertionError("expected a Close frame from the server, got " + describe(frame));
            }
            try {
                return Close.parse(frame.payload());
            } catch (IllegalArgumentException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
    }

    /**
     * Answers the server's Close with the same code, as RFC 6455 §5.5.1 tells an endpoint to, so that
     * a server that waits for the closing handshake can finish it. The server may already have
     * closed TCP; a failed write is then expected and ignored.
     */
    public void acknowledgeClose(Close close) {
        try {
            send(close.hasCode() ? Frame.close(close.code(), "") : Frame.close());
        } catch (IOException e) {
            // the server did not wait for our Close: allowed after it failed the connection
        }
    }

    /**
     * Every frame the server sends until it closes TCP, read as they are (compressed ones too:
     * nothing is inflated or checked here beyond the framing).
     */
    public java.util.List<Frame> framesUntilEof(Duration timeout) throws IOException {
        java.io.InputStream received = new java.io.ByteArrayInputStream(readToEof(timeout));
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        while (received.available() > 0) {
            frames.add(Frame.read(received, Long.MAX_VALUE));
        }
        return frames;
    }

    /**
     * Reads until the server closes TCP and returns what it sent before (for example an HTTP error
     * response). A connection reset counts as closed.
     */
    public byte[] readToEof(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            setTimeout(remaining(deadline));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close the TCP connection within " + timeout.toMillis()
                        + " ms" + (received.size() > 0 ? "; it sent " + Preview.of(received.toByteArray()) : ""), e);
            } catch (SocketException | SSLException e) {
                return received.toByteArray(); // reset by the server: closed as well, only less politely
            }
            if (n == -1) {
                return received.toByteArray();
            }
            received.write(buffer, 0, n);
        }
    }

    /**
     * Whether the server closes TCP within the timeout: reads until EOF or a reset (true), or until
     * the timeout passes with the connection still open (false). What the server sends meanwhile is
     * read and dropped. Unlike {@link #readToEof}, an open connection is an answer here, not a
     * failure: for a test that keeps doing something (such as trickling a request) until the server
     * gives up.
     */
    public boolean closesWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() - deadline < 0) {
            setTimeout(remaining(deadline));
            try {
                if (in.read(buffer) == -1) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException | SSLException e) {
                return true; // reset by the server: closed as well (over TLS, a reset is an SSLException)
            }
        }
        return false;
    }

    /**
     * Waits for the server to close TCP with nothing more sent: after its Close frame a server sends
     * no more frames (RFC 6455 §5.5.1) and closes the connection first (RFC 6455 §7.1.1).
     */
    public void awaitEof() throws IOException {
        awaitEof(DEFAULT_TIMEOUT);
    }

    public void awaitEof(Duration timeout) throws IOException {
        byte[] after = readToEof(timeout);
        if (after.length > 0) {
            throw new AssertionError("RFC 6455 §5.5.1: nothing may follow the server's Close frame; got " + Preview.of(after));
        }
    }

    /** Whether the socket is still open on this side. */
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            // TCP first: an SSLSocket's close() sends close_notify under the write lock, which a
            // writer blocked on a peer that stopped reading holds; a closed TCP socket frees both.
            tcp.close();
            socket.close();
        } catch (IOException e) {
            // nothing left to do for a socket that fails to close
        }
        synchronized (this) {
            if (writer != null) {
                writer.shutdownNow();
                try {
                    writer.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void setTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    private static String describe(Frame frame) {
        if (frame.opcode() == Frame.CLOSE) {
            try {
                return Close.parse(frame.payload()) + " frame";
            } catch (IllegalArgumentException e) {
                return frame + " (" + e.getMessage() + ")";
            }
        }
        return frame.toString();
    }
}
