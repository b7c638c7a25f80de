package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * How a load connection's bytes reach its non-blocking socket: as they are for {@code ws://}, or
 * through TLS for {@code wss://} ({@link TlsTransport}). The loop reads and writes plaintext
 * through it and never blocks.
 */
interface Transport {

    /** Moves what has arrived into {@code dst} (write mode); -1 once the peer has ended the stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Takes from {@code src} (read mode) what the socket takes now; the rest stays in {@code src}. */
    void write(ByteBuffer src) throws IOException;

    /** Whether bytes of this transport's own wait for the socket (then the loop asks for OP_WRITE). */
    boolean hasPendingOutput();

    /** Whether {@link #read} has more for the loop without the socket becoming readable again. */
    boolean hasBufferedInput();

    /** Bytes read from and written to the socket itself, TLS records included. */
    long socketBytesRead();

    long socketBytesWritten();

    /** ws://: the socket's bytes are the WebSocket bytes. */
    final class Plain implements Transport {
        private final SocketChannel channel;
        private long read;
        private long written;

        Plain(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = channel.read(dst);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            written += channel.write(src);
        }

        @Override
        public boolean hasPendingOutput() {
            return false;
        }

        @Override
        public boolean hasBufferedInput() {
            return false;
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
}
