package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * {@code wss://}: the JDK's {@link SSLEngine} between the loop and a non-blocking socket, as a client
 * that checks the server's certificate against the given trust and its host name (RFC 2818 §3.1,
 * the "HTTPS" identification). The handshake runs inside {@link #read} and {@link #write} as the
 * socket allows; plaintext written before it is done waits in the loop's buffer. Delegated tasks
 * run on the loop's thread: a load generator has no other thread to give them.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Write mode: ciphertext read from the socket, not yet unwrapped. */
    private ByteBuffer netIn;
    /** Read mode: ciphertext wrapped, not yet written to the socket. */
    private final ByteBuffer netOut;
    /** Read mode: plaintext unwrapped, not yet handed to the loop. */
    private ByteBuffer appIn;
    private boolean ended;
    /** Whether {@link #unwrap} stopped with whole records left because {@link #appIn} was full. */
    private boolean moreToUnwrap;
    private long read;
    private long written;

    TlsTransport(SocketChannel channel, SSLContext context, String host, int port) throws SSLException {
        this.channel = channel;
        this.engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = channel.read(netIn);
        if (n < 0) {
            ended = true;
        } else {
            read += n;
        }
        unwrap();
        int moved = Math.min(dst.remaining(), appIn.remaining());
        dst.put(appIn.slice(appIn.position(), moved));
        appIn.position(appIn.position() + moved);
        if (moved == 0 && (ended || engine.isInboundDone())) {
            return -1;
        }
        return moved;
    }

    /** Runs the handshake's steps and unwraps records into {@link #appIn} until it is full or input runs out. */
    private void unwrap() throws IOException {
        moreToUnwrap = false;
        while (true) {
            handshakeSteps();
            netIn.flip();
            appIn.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    int packet = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < packet) {
                        netIn = ByteBuffer.allocate(packet).put(netIn.flip());
                    }
                    return; // a record is not complete yet
                }
                case BUFFER_OVERFLOW -> {
                    if (appIn.hasRemaining()) {
                        moreToUnwrap = true;
                        return; // the loop takes what is there first
                    }
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
                }
                case CLOSED -> {
                    return;
                }
                case OK -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                        return;
                    }
                }
            }
        }
    }

    /** What the handshake asks for that needs no input: its tasks, and the records it wants sent. */
    private void handshakeSteps() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> {
                    if (!wrap(NOTHING)) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** One wrap into {@link #netOut}, written out at once; false when the socket takes no more now. */
    private boolean wrap(ByteBuffer src) throws IOException {
        flushNet();
        if (netOut.hasRemaining()) {
            return false;
        }
        netOut.clear();
        SSLEngineResult result;
        try {
            result = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        flushNet();
        return result.getStatus() == SSLEngineResult.Status.OK
                && (result.bytesConsumed() > 0 || result.bytesProduced() > 0);
    }

    private void flushNet() throws IOException {
        if (netOut.hasRemaining()) {
            written += channel.write(netOut);
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        handshakeSteps();
        while (src.hasRemaining() && wrap(src)) {
            // one record per wrap; wrap returns false once the socket is full or the handshake is not done
        }
        flushNet();
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.hasRemaining() || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn.hasRemaining() || moreToUnwrap;
    }

    @Override
    public long socketBytesRead() {
        return read;
    }

    @Override
    public long socketBytesWritten() {
        return written;
    }
}
