package dev.sanfi.sockets.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/** One load connection: its socket, its two buffers, and what the drivers count on it. */
final class Connection {

    enum State { CONNECTING, HANDSHAKING, OPEN, CLOSING, CLOSED }

    final int id;
    final SocketChannel channel;
    final String key;
    Transport transport;
    SelectionKey selectionKey;
    State state = State.CONNECTING;
    /** The extension the server agreed to, null for none. */
    PerMessageDeflate deflate;

    /**
     * Read mode between reads: what has arrived and is not parsed yet. Small to start with, so that
     * ten thousand idle connections cost the generator little; it grows to the largest frame.
     */
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    /** Write mode: frames queued and not yet written. */
    ByteBuffer out = ByteBuffer.allocate(4 * 1024);
    boolean dirty;

    /** A message that came in more than one frame, while its frames arrive (RFC 6455 §5.4). */
    byte[] fragments;
    int fragmentsSize;
    int fragmentsOpcode;
    boolean fragmentsCompressed;

    /** The server's Close code, -1 before one arrived (1005 for an empty Close). */
    int closeCode = -1;
    boolean closedByUs;

    // Counted by the drivers.
    long counted;
    long nextSequence;
    long expectedSequence;

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

    /** Adds a fragment's payload to the message being assembled. */
    void appendFragment(byte[] array, int offset, int length) {
        if (fragments == null) {
            fragments = new byte[Math.max(256, length * 2)];
        } else if (fragmentsSize + length > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(fragmentsSize + length, fragments.length * 2));
        }
        System.arraycopy(array, offset, fragments, fragmentsSize, length);
        fragmentsSize += length;
    }
}
