package dev.sanfi.sockets.raw.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * {@code wss://} in the selector shell: the JDK's {@link SSLEngine} between the socket and the
 * session. The engine is Sans-I/O itself: it turns records from the peer into plaintext
 * ({@code unwrap}) and plaintext into records ({@code wrap}), and says what it needs next (its
 * handshake status). This class moves the bytes between the engine, its {@link TlsBuffers} and the
 * non-blocking socket, never waiting: what the socket cannot take now waits in the buffers, and the
 * session asks the selector for a write.
 *
 * <p>The handshake runs inside {@link #read} and {@link #flush}: every call drives the engine as
 * far as the bytes at hand allow ({@link #advance}). Its delegated tasks (the signature over the
 * handshake, mostly) run on the loop's thread too: a fraction of a millisecond for an EC key, and
 * no second thread to coordinate with. The handshake deadline is the session's: the request cannot
 * arrive before the TLS handshake is done, so the request's deadline bounds both.
 */
final class TlsChannel implements SessionChannel {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final TlsBuffers buffers;
    /** The peer closed TCP. */
    private boolean socketEnded;
    /** {@link #shutdownOutput()} was called: close_notify, then FIN, once what waits is written. */
    private boolean closingOutput;
    private boolean tcpOutputShut;

    TlsChannel(SocketChannel channel, SSLContext context) {
        this.channel = channel;
        this.engine = context.createSSLEngine();
        this.engine.setUseClientMode(false);
        this.buffers = new TlsBuffers(engine.getSession());
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        if (buffers.hasPlaintext()) {
            return buffers.handOut(into);
        }
        if (!socketEnded && !engine.isInboundDone() && buffers.readFrom(channel) < 0) {
            socketEnded = true;
        }
        advance();
        if (buffers.hasPlaintext()) {
            return buffers.handOut(into);
        }
        if (engine.isInboundDone() || socketEnded) {
            closeInbound();
            return -1;
        }
        return 0;
    }

    @Override
    public int write(ByteBuffer from) throws IOException {
        advance();
        int taken = 0;
        while (from.hasRemaining() && !buffers.hasToSend()) {
            if (engine.isOutboundDone()) {
                throw new SSLException("the TLS connection is closed for writing");
            }
            SSLEngineResult result = buffers.wrap(engine, from);
            taken += result.bytesConsumed();
            buffers.writeTo(channel);
            if (result.bytesConsumed() == 0) {
                break;          // the handshake must go on first: a read, or its own records
            }
        }
        advance();
        return taken;
    }

    @Override
    public boolean flush() throws IOException {
        advance();
        return !buffers.hasToSend();
    }

    @Override
    public void shutdownOutput() throws IOException {
        closingOutput = true;
        engine.closeOutbound();     // RFC 8446 §6.1: close_notify before closing the write side
        advance();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public boolean hasBufferedInput() {
        // A whole record is not readable while the engine must first send a record of its own and
        // the socket has no room: it goes on once the socket takes it (OP_WRITE), not on a read.
        boolean stalled = engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && buffers.hasToSend();
        return buffers.hasPlaintext() || !engine.isInboundDone() && !stalled && buffers.hasWholeRecord();
    }

    @Override
    public boolean hasPendingOutput() {
        return buffers.hasToSend();
    }

    /**
     * Drives the engine as far as it goes without waiting: writes what waits, runs its tasks, wraps
     * what the handshake (or the closure) sends, unwraps what was received; stops when it needs the
     * socket (more bytes from the peer, or room to write a record it must send) or the plaintext
     * waits for the session. A record waiting to be written does not stop the unwrapping: a peer
     * that does not read must not stop us reading (the session decides when to stop, by its backlog).
     */
    private void advance() throws IOException {
        try {
            while (true) {
                buffers.writeTo(channel);
                HandshakeStatus status = engine.getHandshakeStatus();
                if (status == HandshakeStatus.NEED_TASK) {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                } else if (status == HandshakeStatus.NEED_WRAP) {
                    if (buffers.hasToSend()) {
                        break;  // room to write first (OP_WRITE)
                    }
                    SSLEngineResult result = buffers.wrap(engine, NOTHING);
                    if (result.bytesProduced() == 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        break;  // nothing to send after all: no progress to be made here
                    }
                } else if (!unwrapOne()) {
                    break;
                }
            }
            shutTcpOutputWhenDone();
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
    }

    /**
     * Unwraps once if that can make progress: false when it needs more bytes, or the session must
     * read the plaintext first. A part of a record goes to the engine too, which checks its header
     * at once: bytes that are not TLS fail now, not at the deadline.
     */
    private boolean unwrapOne() throws SSLException {
        if (engine.isInboundDone() || buffers.hasPlaintext() || !buffers.hasReceived()) {
            return false;
        }
        SSLEngineResult result = buffers.unwrap(engine);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && buffers.receiveBufferFullOfPart()) {
            throw new SSLException("a TLS record larger than " + engine.getSession().getPacketBufferSize() + " bytes");
        }
        boolean progress = result.bytesConsumed() > 0 || result.bytesProduced() > 0;
        if (!progress && result.getStatus() != SSLEngineResult.Status.CLOSED && buffers.hasWholeRecord()) {
            // Never expected from the JDK's engine; without this a session would ask to be read forever.
            throw new SSLException("the TLS engine took no bytes of a whole record (" + result.getStatus() + ")");
        }
        return progress;
    }

    /** After close_notify is written: FIN. */
    private void shutTcpOutputWhenDone() throws IOException {
        if (closingOutput && !tcpOutputShut && engine.isOutboundDone() && !buffers.hasToSend()) {
            tcpOutputShut = true;
            channel.shutdownOutput();
        }
    }

    /** The peer is gone or sent close_notify: the engine is told, and says nothing more about it. */
    private void closeInbound() {
        try {
            engine.closeInbound();
        } catch (SSLException noCloseNotify) {
            // The peer closed TCP without close_notify: for us the end of the stream all the same.
        }
    }

    /**
     * A TLS error: the engine has a fatal alert ready for the peer (RFC 8446 §6.2), which goes out
     * if the socket takes it now; the connection ends either way.
     */
    private void sendAlert() {
        try {
            if (!buffers.hasToSend() && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                buffers.wrap(engine, NOTHING);
            }
            buffers.writeTo(channel);
        } catch (IOException | RuntimeException ignored) {
            // the alert is a courtesy; the session closes the socket next
        }
    }
}
