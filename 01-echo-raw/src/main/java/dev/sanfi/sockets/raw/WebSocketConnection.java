package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.io.ConnectionTimers;
import dev.sanfi.sockets.raw.io.Keepalive;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * One open WebSocket connection on a blocking socket, after its opening handshake: the
 * thread-per-connection I/O shell around the pure core ({@link Connection}). The server's
 * sessions ({@code --io threads}) and the client use it. Every protocol rule is the core's; this
 * class moves bytes between the socket and the core, and keeps the time ({@link ConnectionTimers}).
 *
 * <p>One thread reads ({@link #run}); it also hands messages to the listener and runs the timers,
 * which are read timeouts, so no other thread is needed. Other threads may send too (the client's
 * sender, a server shutting down), so the core and the socket's output are used under one lock:
 * frames from two threads never interleave on the wire.
 *
 * <p>Frames the reading thread produces wait in the core until all received bytes are handled, and
 * are written just before the thread blocks to read again: a burst of small messages is echoed with
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
    static final Duration CLOSING_TIMEOUT = ConnectionTimers.CLOSING_TIMEOUT;

    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final byte[] leftover;
    /** Reading thread only. */
    private final byte[] readBuffer = new byte[READ_BUFFER_BYTES];

    private final Object lock = new Object();
    /** The protocol. Guarded by lock. */
    private final Connection core;
    /** Guarded by lock. */
    private final ConnectionTimers timers;
    /** Guarded by lock. */
    private boolean outputShut;

    private WebSocketConnection(Socket socket, byte[] leftover, Connection core, Keepalive keepalive, Listener listener)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.leftover = leftover;
        this.core = core;
        this.timers = new ConnectionTimers(keepalive, System.nanoTime());
        this.listener = listener;
    }

    /**
     * A server's side of a connection.
     *
     * @param leftover bytes that arrived behind the handshake: the start of the first frames
     * @param deflate  the permessage-deflate the handshake agreed to, or null for none
     */
    static WebSocketConnection forServer(Socket socket, byte[] leftover, int maxMessageBytes, DeflateParameters deflate,
                                         Keepalive keepalive, Listener listener) throws IOException {
        return new WebSocketConnection(socket, leftover, Connection.forServer(maxMessageBytes, deflate), keepalive, listener);
    }

    /** A client's side of a connection: its frames are masked with keys from {@code maskKeys}. */
    static WebSocketConnection forClient(Socket socket, byte[] leftover, int maxMessageBytes, DeflateParameters deflate,
                                         MaskKeySource maskKeys, Listener listener) throws IOException {
        return new WebSocketConnection(socket, leftover, Connection.forClient(maxMessageBytes, maskKeys, deflate), null,
                listener);
    }

    /** Runs the connection on the calling thread until it is over, then closes the socket. */
    void run() {
        try {
            received(leftover, leftover.length);
            do {
                flushReadingOn();
            } while (readMore());
        } catch (IOException e) {
            // Reset by the peer, or the socket closed by abort(): the connection is over either way.
        } finally {
            abort();
            ClosePayload received;
            ClosePayload sent;
            synchronized (lock) {
                received = core.closeReceived();
                sent = core.closeSent();
                core.release();         // the compressor's native memory, now rather than at some GC
            }
            listener.onClose(received, sent);
        }
    }

    /**
     * Writes what the core has queued. A failed write does not end the connection here: a peer that
     * fails the connection (a 1009 while we are still sending a large message) sends its Close and
     * closes its socket, the reset makes our write fail, and the Close is still in our socket,
     * waiting to be read (§7.1.7). So reading goes on until the peer's Close, the end of the stream
     * or the reset; the failed bytes are never written again (the core handed them out once).
     */
    private void flushReadingOn() {
        try {
            flush();
        } catch (IOException writeFailed) {
            // The reads that follow end the connection, with the peer's Close if it sent one.
        }
    }

    /** Gives the core what arrived; messages go to the listener as they are parsed, so an echo keeps its place. */
    private void received(byte[] bytes, int length) {
        synchronized (lock) {
            core.receive(ByteBuffer.wrap(bytes, 0, length), event -> {
                if (event instanceof Event.MessageReceived message) {
                    listener.onMessage(this, message.message());
                }
            });
            timers.observe(core, System.nanoTime());
        }
    }

    /**
     * Blocks until bytes arrive or a timer is due. A read that fills the buffer leaves bytes behind,
     * so this thread would not block on its next read; on one core the scheduler then lets it run
     * for a whole time slice while the threads of other connections wait, which under a stream of
     * 8 KiB messages kept some echoes waiting over a second. After such a read this thread yields.
     *
     * @return false when the connection is over: the peer hung up, or did not close TCP in time after our Close
     */
    private boolean readMore() throws IOException {
        socket.setSoTimeout(millisUntilNextTimer());
        int read;
        try {
            read = in.read(readBuffer);
        } catch (SocketTimeoutException timerIsDue) {
            synchronized (lock) {
                return timers.onDue(core, System.nanoTime());
            }
        }
        if (read < 0) {
            synchronized (lock) {
                core.receiveEof();
            }
            return false;
        }
        synchronized (lock) {
            timers.heard(System.nanoTime());
        }
        received(readBuffer, read);
        if (read == readBuffer.length) {
            Thread.yield();     // more is waiting: the other connections' threads get the core first
        }
        return true;
    }

    /**
     * The read timeout: until the next timer the core's state calls for. Never longer than
     * {@link #CLOSING_TIMEOUT}, so that a Close started by another thread is noticed in time.
     */
    private int millisUntilNextTimer() {
        long now = System.nanoTime();
        long deadline = now + CLOSING_TIMEOUT.toNanos();
        synchronized (lock) {
            OptionalLong next = timers.nextDeadline(core);
            if (next.isPresent() && next.getAsLong() - deadline < 0) {
                deadline = next.getAsLong();
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1;    // +1: do not wake up just before it
        return (int) Math.max(1, Math.min(millis, Integer.MAX_VALUE));
    }

    /**
     * Queues a frame, written when the reading thread has handled what it received. For the reading
     * thread's own answers (an echo); dropped once the closing handshake has started.
     */
    void queue(Opcode opcode, byte[] payload) {
        synchronized (lock) {
            core.send(opcode, payload);
        }
    }

    /** Writes one frame now; for any thread. */
    void send(Opcode opcode, byte[] payload) throws IOException {
        synchronized (lock) {
            if (!core.send(opcode, payload)) {
                throw new IOException("the connection is closing");
            }
            writeQueued();
        }
    }

    /**
     * Starts the closing handshake (§7.1.2), from any thread: the core queues our Close, which is
     * written now (with the server's FIN, §7.1.1); the reading thread then waits at most
     * {@link #CLOSING_TIMEOUT} for the peer to hang up. Does nothing when our Close is already sent.
     */
    void startClose(ClosePayload payload) throws IOException {
        synchronized (lock) {
            core.close(payload);
            timers.observe(core, System.nanoTime());
            writeQueued();
        }
    }

    /** Writes what the core has queued to the socket. */
    void flush() throws IOException {
        synchronized (lock) {
            writeQueued();
        }
    }

    /** Closes the socket at once, without a closing handshake; the reading thread then ends. */
    void abort() {
        closeNow(socket);
    }

    /**
     * Closes a socket at once, from any thread. An {@link SSLSocket}'s {@code close()} first sends
     * close_notify under the lock a writing thread holds, so a thread blocked writing to a peer that
     * stopped reading would hold the closer too; with SO_LINGER 0 the JDK gives up on that lock at
     * once (and the connection is reset), which frees the writer as well.
     */
    static void closeNow(Socket socket) {
        try {
            if (socket instanceof SSLSocket) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Under the lock: one write for every frame waiting, then FIN if the core says so. */
    private void writeQueued() throws IOException {
        ByteBuffer bytes = core.bytesToSend();     // handed out once: written or failed, never written twice
        if (bytes.hasRemaining()) {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        }
        if (core.shouldShutdownOutput() && !outputShut) {
            // §7.1.1: the server closes the TCP connection first, but only its sending half: the
            // socket itself is closed when the peer hangs up, because closing it while the peer may
            // still be sending would answer with a reset, which can destroy our Close unread.
            outputShut = true;
            socket.shutdownOutput();
        }
    }
}
