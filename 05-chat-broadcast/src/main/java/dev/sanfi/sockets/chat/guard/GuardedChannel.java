package dev.sanfi.sockets.chat.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Future;
import org.java_websocket.WebSocket;
import org.java_websocket.WrappedByteChannel;

/**
 * One client's socket as Java-WebSocket sees it: every byte the client sends passes through here
 * first, so that the request head is bounded, the frames are followed ({@link InboundFrames}), and
 * the TCP connection is closed the way RFC 6455 §7.1.1 asks rather than the way the library does it.
 *
 * <ul>
 *   <li>A request head past the limit is answered with 431 (RFC 6585 §5) here, and the library is told
 *       the client has gone (end of stream), so that it frees the connection as it does for any
 *       client that leaves during the handshake.</li>
 *   <li>The library closes the socket as soon as its own Close frame is written, even when the client
 *       is still sending; closing a socket with unread data makes TCP send a reset, which can destroy
 *       that Close before the client reads it. So {@link #close()} closes at once only after the
 *       client's Close (or end of stream) has arrived; otherwise it ends our direction (FIN after the
 *       Close frame) and hands the socket to {@link CloseLinger}, which reads and drops what still
 *       comes until the client's Close, its end of stream, or a short deadline.</li>
 *   <li>A Close the guard knows is coming (the refusal's, or the answer to the client's Close) is not
 *       left unsent by the library's selector; see {@link #isNeedWrite()}.</li>
 * </ul>
 *
 * <p>With TLS the socket's bytes pass through Java-WebSocket's own {@code SSLSocketChannel2} first,
 * the TLS engine of its SSL server factory; this channel reads and writes through it and follows the
 * plain bytes it yields, so every rule above holds inside {@code wss://} as well. It passes on the
 * engine's own needs to the selector: records it still has to write ({@link #isNeedWrite()}) and
 * plain bytes it holds that the socket cannot show as readable ({@link #isNeedRead()}).
 */
public final class GuardedChannel implements WrappedByteChannel {

    private static final byte[] HEAD_TOO_LARGE = ("HTTP/1.1 431 Request Header Fields Too Large\r\n"
            + "Connection: close\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel socket;
    /** What the library's bytes go through: the socket itself, or the TLS engine in front of it. */
    private final ByteChannel transport;
    /** The TLS engine's channel, or null for plain ws://. */
    private final WrappedByteChannel tls;
    private final WebSocket connection;
    private final RequestHeadLimit head;
    private final InboundFrames frames;
    private final CloseLinger linger;
    private final long openedNanos;
    private volatile long lastHeardNanos;
    private volatile long lastPingNanos;
    private volatile Future<?> handshakeDeadline;
    private volatile boolean peerEnded; // set by the selector thread, read by whoever closes
    private boolean refused;
    private volatile boolean closed; // set by whoever closes, read by the selector thread

    GuardedChannel(SocketChannel socket, WebSocket connection, int maxHeadBytes, long maxMessageBytes, CloseLinger linger) {
        this(socket, null, connection, maxHeadBytes, maxMessageBytes, linger);
    }

    /** @param tls the TLS engine's channel around {@code socket}, or null for plain ws:// */
    GuardedChannel(SocketChannel socket, WrappedByteChannel tls, WebSocket connection, int maxHeadBytes,
            long maxMessageBytes, CloseLinger linger) {
        this.socket = socket;
        this.tls = tls;
        this.transport = tls != null ? tls : socket;
        this.connection = connection;
        this.head = new RequestHeadLimit(maxHeadBytes);
        this.frames = new InboundFrames(maxMessageBytes);
        this.linger = linger;
        this.openedNanos = System.nanoTime();
        this.lastHeardNanos = openedNanos;
        this.lastPingNanos = openedNanos;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (refused) {
            return -1;
        }
        int start = dst.position();
        int n = transport.read(dst);
        if (n == 0 && tls != null && tls.isNeedRead()) {
            // The TLS handshake just ended, and the client's first bytes (its upgrade request) came in
            // the same flight as its last handshake message: the engine holds them, and the socket will
            // not turn readable for them. The library asks for more only after a read that gave some.
            n = tls.readMore(dst);
        }
        return inspect(dst, start, n);
    }

    /** What the TLS engine still holds of what it read; the selector asks while {@link #isNeedRead()}. */
    @Override
    public int readMore(ByteBuffer dst) throws IOException {
        if (tls == null || refused) {
            return 0;
        }
        int start = dst.position();
        return inspect(dst, start, tls.readMore(dst));
    }

    /** Follows the {@code n} plain bytes just put into {@code dst} from {@code start}; returns what the library may have. */
    private int inspect(ByteBuffer dst, int start, int n) throws IOException {
        if (n < 0) {
            peerEnded = true;
        }
        if (n <= 0) {
            return n;
        }
        ByteBuffer received = dst.duplicate();
        received.limit(dst.position()).position(start);
        if (head.state() != RequestHeadLimit.State.COMPLETE) {
            if (head.feed(received) == RequestHeadLimit.State.TOO_LARGE) {
                refuseHead();
                dst.position(start);
                return -1;
            }
            if (head.state() == RequestHeadLimit.State.COMPLETE) {
                cancelHandshakeDeadline();
            }
        }
        if (frames.feed(received) > 0) {
            lastHeardNanos = System.nanoTime();
        }
        if (connection.isClosing() || connection.isClosed()) {
            // Java-WebSocket ignores what arrives after it has started closing; drop it here instead
            // of queueing it for the library to drop.
            dst.position(start);
            return 0;
        }
        return n;
    }

    /** Writes the 431 straight to the socket: nothing else has been written on it yet. */
    private void refuseHead() throws IOException {
        refused = true;
        cancelHandshakeDeadline();
        ByteBuffer response = ByteBuffer.wrap(HEAD_TOO_LARGE);
        transport.write(response); // a fresh socket's send buffer takes these few bytes at once
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return transport.write(src);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    /**
     * Called by Java-WebSocket when it is done with the connection. Closes TCP now if the client has
     * sent its Close or ended its stream, else after {@link CloseLinger}'s grace.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        cancelHandshakeDeadline();
        if (peerEnded || frames.peerClosed() || !socket.isConnected()) {
            closeTransport();
            return;
        }
        linger.add(this);
    }

    SocketChannel socket() {
        return socket;
    }

    boolean isTls() {
        return tls != null;
    }

    /**
     * Closes the connection for good: over TLS with the engine's {@code close_notify} first (RFC 8446
     * §6.1), which the library's SSL channel sends on its close, then the socket.
     */
    void closeTransport() {
        if (tls != null) {
            try {
                tls.close();
            } catch (IOException e) {
                // the close_notify could not be written: the socket goes all the same
            }
        }
        CloseLinger.closeQuietly(socket);
    }

    /**
     * During the linger: reads what the client still sends, through TLS when there is TLS, and
     * writes what TLS still has to write; true once the socket can be closed (the client's Close, its
     * end of stream, or a broken connection). At most {@code rounds} reads, a bounded share of the
     * linger thread.
     */
    boolean lingerDrain(ByteBuffer scratch, int rounds) {
        try {
            if (tls != null && tls.isNeedWrite()) {
                tls.writeMore(); // our Close may still be in the engine's buffer
            }
            for (int i = 0; i < rounds; i++) {
                scratch.clear();
                int n = transport.read(scratch);
                if (n == 0 && tls != null && tls.isNeedRead()) {
                    n = tls.readMore(scratch);
                }
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
                scratch.flip();
                frames.feed(scratch);
                if (frames.peerClosed()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // reset or broken: nothing left to protect
        }
    }

    /** Whether the TLS engine has records it could not write yet. */
    boolean tlsWritePending() {
        return tls != null && tls.isNeedWrite();
    }

    void handshakeDeadline(Future<?> deadline) {
        handshakeDeadline = deadline;
        if (head.state() == RequestHeadLimit.State.COMPLETE || closed) {
            deadline.cancel(false);
        }
    }

    private void cancelHandshakeDeadline() {
        Future<?> deadline = handshakeDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** Whether the request head has arrived in full; read from the handshake deadline's thread. */
    boolean headComplete() {
        return head.state() == RequestHeadLimit.State.COMPLETE;
    }

    /** Why the client's frames are refused, once they are. */
    Optional<Refusal> refusal() {
        return frames.refusal();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    long lastPingNanos() {
        return lastPingNanos;
    }

    void pinged(long nanos) {
        lastPingNanos = nanos;
    }

    /**
     * Asked by Java-WebSocket's selector thread after a write batch; true keeps the socket's write
     * interest. The library's selector, after a batch that found nothing queued, sets the interest to
     * read only — while a worker thread may just have queued a frame and asked for write interest
     * itself. The worker's request is then overwritten, and the frame waits until the next one is
     * queued. For the Close, nothing comes next: the client would wait for a Close and for the end of
     * TCP that never come (RFC 6455 §7.1.1, §7.1.7).
     *
     * <p>A refusal and the client's Close are known here, on the selector thread, before the worker
     * gets the bytes that make it queue our Close. From then until the library closes this channel
     * (right after that Close is written), the selector keeps write interest, so a Close queued at
     * any moment is written. The selector may poll an idle socket meanwhile, until the worker reaches
     * the refused frame or the client's Close: the next frames it processes.
     */
    @Override
    public boolean isNeedWrite() {
        return tlsWritePending() || closeComing() && !closed;
    }

    /** Whether the connection is to get a Close from us: it is refused, or the client has sent its Close. */
    private boolean closeComing() {
        return frames.refusal().isPresent() || frames.peerClosed();
    }

    @Override
    public void writeMore() throws IOException {
        // Plain: nothing is ever held back, every write goes straight to the socket, and isNeedWrite
        // only keeps the selector looking until the library has queued its Close. TLS: the records
        // the engine could not write yet.
        if (tls != null && tls.isNeedWrite()) {
            tls.writeMore();
        }
    }

    @Override
    public boolean isNeedRead() {
        return tls != null && !refused && tls.isNeedRead();
    }

    @Override
    public boolean isBlocking() {
        return false;
    }
}
