package dev.sanfi.sockets.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One load connection: its socket, its two buffers, and what the drivers count on it. */
final class Connection {

    enum State { CONNECTING, HANDSHAKING, OPEN, CLOSING, CLOSED }

    final int id;
    final SocketChannel channel;
    final String key;
    SelectionKey selectionKey;
    State state = State.CONNECTING;

    /** Read mode between reads: what has arrived and is not parsed yet. */
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    /** Write mode: frames queued and not yet written. */
    ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    boolean dirty;

    /** The server's Close code, -1 before one arrived (1005 for an empty Close). */
    int closeCode = -1;
    boolean closedByUs;

    // Counted by the drivers.
    long counted;
    long nextSequence;
    long expectedSequence;
    long[] sentAt;

    Connection(int id, SocketChannel channel, String key) {
        this.id = id;
        this.channel = channel;
        this.key = key;
        in.flip();
    }

    /** Room for {@code bytes} more in the write buffer, growing it if it must. */
    ByteBuffer reserve(int bytes) {
        if (out.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        dirty = true;
        return out;
    }
}
