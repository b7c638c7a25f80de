package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One open WebSocket connection on a blocking socket, after its opening handshake; the server's
 * sessions and the client both use it. It is the I/O shell around the pure core: it only moves
 * bytes between the socket and the {@link FrameParser}, {@link MessageAssembler} and {@link FrameWriter}.
 *
 * <p>One thread reads ({@link #run}); it also answers Pings, echoes, and runs the timers, which are
 * read timeouts, so no other thread is needed. Writes go through one lock, because other threads
 * write too (the client's sender, a server shutting down): frames from two threads must never
 * interleave on the wire.
 *
 * <p>Frames the reading thread produces go to an outbox that is written once all received bytes
 * are handled, just before the thread blocks to read again: a burst of small messages is echoed with
 * one write, never more than one write per frame, and nothing waits.
 */
final class WebSocketConnection {

    /** What the owner of the connection hears; called on the reading thread. */
    interface Listener {

        /** A complete, checked message arrived. */
        void onMessage(WebSocketConnection connection, Message message);

        /**
         * The connection is over and its socket closed; called once.
         *
         * @param received the peer's Close, or null if it sent none
         * @param sent     our Close, or null if we sent none
         */
        void onClose(ClosePayload received, ClosePayload sent);
    }

    /** After our Close, the peer has this long to answer it and hang up before we drop the connection. */
    static final Duration CLOSING_TIMEOUT = Limits.SHUTDOWN_GRACE;

    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int OUTBOX_BYTES = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean server;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private final FrameWriter writer;
    /** Null for a client: it has no timers. */
    private final Keepalive keepalive;
    private final Listener listener;

    /** Bytes read from the socket, not handled yet. Reading thread only. */
    private final ByteBuffer input = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private ClosePayload closeReceived;
    /** After the peer's Close, or a protocol error, bytes are still read (until the peer hangs up) but ignored. */
    private boolean ignoreInput;
    private long lastHeard = System.nanoTime();
    private boolean pingSent;

    private final Object writeLock = new Object();
    /** Frames waiting for the next write. Guarded by writeLock. */
    private ByteBuffer outbox = ByteBuffer.allocate(OUTBOX_BYTES);
    /** Our Close once it is sent; nothing may follow it (§5.5.1). Written under writeLock. */
    private volatile ClosePayload closeSent;
    private volatile long closingDeadline;

    private WebSocketConnection(Socket socket, byte[] leftover, boolean server, FrameParser parser,
                                int maxMessageBytes, FrameWriter writer, Keepalive keepalive, Listener listener)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.server = server;
        this.parser = parser;
        this.assembler = new MessageAssembler(maxMessageBytes);
        this.writer = writer;
        this.keepalive = keepalive;
        this.listener = listener;
        this.input.put(leftover);
    }

    /**
     * A server's side of a connection.
     *
     * @param leftover bytes that arrived behind the handshake: the start of the first frames
     */
    static WebSocketConnection forServer(Socket socket, byte[] leftover, int maxMessageBytes, Keepalive keepalive,
                                         Listener listener) throws IOException {
        return new WebSocketConnection(socket, leftover, true, FrameParser.forServer(maxMessageBytes),
                maxMessageBytes, FrameWriter.forServer(), keepalive, listener);
    }

    /** A client's side of a connection: its frames are masked with keys from {@code maskKeys}. */
    static WebSocketConnection forClient(Socket socket, byte[] leftover, int maxMessageBytes, MaskKeySource maskKeys,
                                         Listener listener) throws IOException {
        return new WebSocketConnection(socket, leftover, false, FrameParser.forClient(maxMessageBytes),
                maxMessageBytes, FrameWriter.forClient(maskKeys), null, listener);
    }

    /** Runs the connection on the calling thread until it is over, then closes the socket. */
    void run() {
        try {
            while (true) {
                handleReceivedBytes();
                flushReadingOn();
                if (server && closeReceived != null && closeSent != null) {
                    return;     // §7.1.1: the closing handshake is done, and the server closes TCP first
                }
                if (!readMore()) {
                    return;
                }
            }
        } catch (IOException e) {
            // Reset by the peer, or the socket closed by abort(): the connection is over either way.
        } finally {
            abort();
            listener.onClose(closeReceived, closeSent);
        }
    }

    /**
     * Writes what this thread queued. A failed write does not end the connection here: a peer that
     * fails the connection (a 1009 while we are still sending a large message) sends its Close and
     * closes its socket, the reset makes our write fail, and the Close is still in our socket,
     * waiting to be read (§7.1.7). So reading goes on until the peer's Close, the end of the stream
     * or the reset; the failed bytes are never written again.
     */
    private void flushReadingOn() {
        try {
            flush();
        } catch (IOException writeFailed) {
            // The reads that follow end the connection, with the peer's Close if it sent one.
        }
    }

    /** Parses every frame in the input buffer and handles it; a protocol error fails the connection (§7.1.7). */
    private void handleReceivedBytes() throws IOException {
        input.flip();
        try {
            Frame frame;
            while (!ignoreInput && (frame = parser.parse(input)) != null) {
                handle(frame);
            }
        } catch (ProtocolException e) {
            ignoreInput = true;
            startClose(new ClosePayload(e.closeCode(), e.getMessage()));
        }
        input.clear();      // the parser took every byte, or we ignore them
    }

    private void handle(Frame frame) throws ProtocolException, IOException {
        switch (frame.opcode()) {
            case PING -> queue(Opcode.PONG, frame.payload());     // §5.5.2: a Pong with the same payload
            case PONG -> { }                                       // §5.5.3: nothing to do; it was heard, which resets the timers
            case CLOSE -> onCloseFrame(ClosePayload.parse(frame.payload()));
            default -> {
                Message message = assembler.accept(frame);
                if (message != null && closeSent == null) {
                    listener.onMessage(this, message);
                }
            }
        }
    }

    /**
     * §5.5.1: the peer's Close is answered with a Close carrying the same code, unless ours went
     * first, in which case this was the answer. Either way the closing handshake is done: nothing
     * after the peer's Close is read; a server closes the connection now, a client waits for the
     * server to do so (§7.1.1).
     */
    private void onCloseFrame(ClosePayload payload) throws IOException {
        closeReceived = payload;
        ignoreInput = true;
        startClose(payload);
    }

    /**
     * Blocks until bytes arrive, running the timers meanwhile.
     *
     * @return false when the connection is over: the peer hung up, or did not answer our Close in time
     */
    private boolean readMore() throws IOException {
        while (true) {
            socket.setSoTimeout(millisUntilNextTimer());
            try {
                int read = in.read(input.array(), input.position(), input.remaining());
                if (read < 0) {
                    return false;
                }
                input.position(input.position() + read);
                lastHeard = System.nanoTime();
                pingSent = false;
                return true;
            } catch (SocketTimeoutException timerIsDue) {
                if (!onTimer()) {
                    return false;
                }
            }
        }
    }

    /**
     * The read timeout: until the closing deadline once our Close is sent, else until the Ping or
     * the idle timeout is due. Never longer than {@link #CLOSING_TIMEOUT}, so that a Close started
     * by another thread is noticed in time.
     */
    private int millisUntilNextTimer() {
        long now = System.nanoTime();
        long deadline = now + CLOSING_TIMEOUT.toNanos();
        if (closeSent != null) {
            deadline = closingDeadline;
        } else if (keepalive != null) {
            Duration next = pingSent ? keepalive.idleTimeout() : min(keepalive.pingInterval(), keepalive.idleTimeout());
            deadline = Math.min(deadline, lastHeard + next.toNanos());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1;    // +1: do not wake up just before it
        return (int) Math.max(1, Math.min(millis, Integer.MAX_VALUE));
    }

    /**
     * A read timed out. A peer silent for the ping interval gets a Ping (§5.5.2); one silent for the
     * idle timeout gets Close 1001; a peer that does not answer our Close in time is dropped.
     *
     * @return false when the connection is over
     */
    private boolean onTimer() throws IOException {
        long now = System.nanoTime();
        if (closeSent != null) {
            return now - closingDeadline < 0;
        }
        if (keepalive == null) {
            return true;
        }
        long silent = now - lastHeard;
        if (silent >= keepalive.idleTimeout().toNanos()) {
            startClose(new ClosePayload(CloseCode.GOING_AWAY, "idle for " + keepalive.idleTimeout().toSeconds() + " s"));
        } else if (!pingSent && silent >= keepalive.pingInterval().toNanos()) {
            send(Opcode.PING, new byte[0]);
            pingSent = true;
        }
        return true;
    }

    /**
     * Adds a frame to the outbox, written when the reading thread has handled what it received. For
     * the reading thread's own answers (an echo, a Pong); dropped once our Close is sent.
     */
    void queue(Opcode opcode, byte[] payload) {
        synchronized (writeLock) {
            if (closeSent == null) {
                append(opcode, payload);
            }
        }
    }

    /** Writes one frame now; for any thread. */
    void send(Opcode opcode, byte[] payload) throws IOException {
        synchronized (writeLock) {
            if (closeSent != null) {
                throw new IOException("the connection is closing");
            }
            append(opcode, payload);
            flushOutbox();
        }
    }

    /**
     * Starts the closing handshake (§7.1.2), from any thread: sends our Close; the reading thread
     * then waits at most {@link #CLOSING_TIMEOUT} for the peer's Close and for it to hang up. Does
     * nothing when our Close is already sent.
     */
    void startClose(ClosePayload payload) throws IOException {
        synchronized (writeLock) {
            if (closeSent != null) {
                return;
            }
            closingDeadline = System.nanoTime() + CLOSING_TIMEOUT.toNanos();
            closeSent = payload;
            append(Opcode.CLOSE, payload.toBytes());
            flushOutbox();
            if (server) {
                // §7.1.1: the server closes the TCP connection first. Nothing more will be written, so
                // send FIN now. The socket itself is closed when the peer's Close has arrived or the
                // peer has hung up: closing it while the peer may still be sending would answer with a
                // TCP reset, and a reset can destroy our Close before the peer has read it.
                socket.shutdownOutput();
            }
        }
    }

    /** Writes the outbox to the socket. */
    void flush() throws IOException {
        synchronized (writeLock) {
            flushOutbox();
        }
    }

    /** Closes the socket at once, without a closing handshake; the reading thread then ends. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void append(Opcode opcode, byte[] payload) {
        int length = writer.frameLength(payload.length);
        if (outbox.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(outbox.capacity() * 2, outbox.position() + length));
            outbox.flip();
            outbox = bigger.put(outbox);
        }
        writer.write(opcode, true, payload, outbox);
    }

    private void flushOutbox() throws IOException {
        if (outbox.position() > 0) {
            try {
                out.write(outbox.array(), 0, outbox.position());    // one write for every frame waiting
            } finally {
                outbox.clear();     // written or failed: a frame is never written twice
            }
        }
        if (outbox.capacity() > OUTBOX_BYTES) {
            outbox = ByteBuffer.allocate(OUTBOX_BYTES);          // do not keep a big message's buffer
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
