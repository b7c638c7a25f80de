package dev.sanfi.sockets.raw.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The three buffers of one {@link TlsChannel}, each as large as the {@link SSLEngine} says one TLS
 * record needs and no larger, so a connection holds at most a record in each direction plus one
 * record's plaintext; and each held only while it holds bytes, so an idle TLS connection holds none
 * (as an idle plain one holds no output queue). Not thread-safe: the selector loop's thread only.
 */
final class TlsBuffers {

    /** A TLS record header: type (1 byte), version (2), length (2) (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    private static final int RECORD_HEADER_BYTES = 5;

    /** One record as it travels: the largest a peer may send (session.getPacketBufferSize()). */
    private final int packetBytes;
    /** One record's plaintext at most (session.getApplicationBufferSize()). */
    private final int plaintextBytes;

    /** Encrypted bytes from the peer, not unwrapped yet; in write mode (ready for the socket's read). */
    private ByteBuffer received;
    /** Unwrapped plaintext the session has not read yet; in read mode. */
    private ByteBuffer plaintext;
    /** Encrypted bytes for the peer, not written yet; in read mode. */
    private ByteBuffer toSend;

    TlsBuffers(SSLSession session) {
        this.packetBytes = session.getPacketBufferSize();
        this.plaintextBytes = session.getApplicationBufferSize();
    }

    /** Reads from the socket what fits in the receive buffer (at most one record's worth). */
    int readFrom(SocketChannel channel) throws IOException {
        if (received == null) {
            received = ByteBuffer.allocate(packetBytes);
        }
        try {
            return channel.read(received);
        } finally {
            releaseEmpty();
        }
    }

    /** Unwraps the received bytes into the plaintext buffer (one record, or a handshake message). */
    SSLEngineResult unwrap(SSLEngine engine) throws SSLException {
        ByteBuffer in = received == null ? ByteBuffer.allocate(0) : received.flip();
        ByteBuffer out = plaintext == null ? ByteBuffer.allocate(plaintextBytes) : plaintext.compact();
        try {
            return engine.unwrap(in, out);
        } finally {
            if (received != null) {
                received.compact();
            }
            plaintext = out.flip();
            releaseEmpty();
        }
    }

    /** Wraps plaintext (or nothing, for the handshake and close_notify) into a record to send; only when nothing waits. */
    SSLEngineResult wrap(SSLEngine engine, ByteBuffer from) throws SSLException {
        if (hasToSend()) {
            throw new IllegalStateException("a record still waits to be written");
        }
        ByteBuffer out = ByteBuffer.allocate(packetBytes);
        try {
            return engine.wrap(from, out);
        } finally {
            toSend = out.flip();
            releaseEmpty();
        }
    }

    /** Writes what waits to be sent, as far as the socket takes it; true when all of it is written. */
    boolean writeTo(SocketChannel channel) throws IOException {
        if (toSend != null) {
            channel.write(toSend);
            releaseEmpty();
        }
        return !hasToSend();
    }

    /** Copies plaintext into the session's buffer: the number of bytes. */
    int handOut(ByteBuffer into) {
        if (plaintext == null) {
            return 0;
        }
        int count = Math.min(into.remaining(), plaintext.remaining());
        into.put(into.position(), plaintext, plaintext.position(), count);
        into.position(into.position() + count);
        plaintext.position(plaintext.position() + count);
        releaseEmpty();
        return count;
    }

    boolean hasPlaintext() {
        return plaintext != null && plaintext.hasRemaining();
    }

    boolean hasReceived() {
        return received != null && received.position() > 0;
    }

    boolean hasToSend() {
        return toSend != null && toSend.hasRemaining();
    }

    /** Whether the received bytes hold at least one whole record, which an unwrap can decrypt now. */
    boolean hasWholeRecord() {
        if (received == null || received.position() < RECORD_HEADER_BYTES) {
            return false;
        }
        int length = (received.get(3) & 0xFF) << 8 | received.get(4) & 0xFF;
        return received.position() >= RECORD_HEADER_BYTES + length;
    }

    /** Whether the receive buffer is full without holding a whole record: a record larger than any peer may send. */
    boolean receiveBufferFullOfPart() {
        return received != null && !received.hasRemaining() && !hasWholeRecord();
    }

    private void releaseEmpty() {
        if (received != null && received.position() == 0) {
            received = null;
        }
        if (plaintext != null && !plaintext.hasRemaining()) {
            plaintext = null;
        }
        if (toSend != null && !toSend.hasRemaining()) {
            toSend = null;
        }
    }
}
