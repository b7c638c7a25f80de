package dev.sanfi.sockets.jetty;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reassembles one binary message from the fragments Jetty hands over, refusing to grow past the
 * message limit.
 *
 * <p>Why not let Jetty reassemble? Its whole-message binary sink calls the endpoint only once the
 * last fragment is in, so a message arriving slowly in fragments looks like silence to the
 * keepalive, and the peer would be closed as idle while it is still sending (the idle timeout
 * means no frame at all, not no complete message). The partial sink shows every fragment, but then
 * the size limit is ours to keep, which this class does, and the bytes must be copied: a
 * fragment's buffer is Jetty's again once its callback completes.
 */
final class BinaryMessageBuffer {

    private static final byte[] EMPTY = new byte[0];

    private final long maxBytes;
    private byte[] bytes = EMPTY;
    private int length;

    BinaryMessageBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Copies a fragment of the message; {@code fragment} itself is left as it was.
     *
     * @return false when the message is now larger than the limit (RFC 6455 §7.4.1: close 1009)
     */
    boolean append(ByteBuffer fragment) {
        int size = fragment.remaining();
        if (size > maxBytes - length) {
            return false;
        }
        if (size > bytes.length - length) {
            // Room for this fragment at least, doubling for the next ones, never past the limit.
            long capacity = Math.min(maxBytes, Math.max((long) length + size, 2L * bytes.length));
            bytes = Arrays.copyOf(bytes, Math.toIntExact(capacity));
        }
        fragment.get(fragment.position(), bytes, length, size);
        length += size;
        return true;
    }

    /**
     * The whole message, handed over: it may still be being sent when the next message arrives,
     * so the buffer starts the next one in a new array.
     */
    ByteBuffer take() {
        ByteBuffer message = ByteBuffer.wrap(bytes, 0, length);
        bytes = EMPTY;
        length = 0;
        return message;
    }
}
