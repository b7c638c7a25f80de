package dev.sanfi.sockets.chat;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;

/**
 * How many bytes Java-WebSocket holds for one connection that the socket has not taken yet.
 *
 * <p>The library has no "buffered amount" API (the browser's {@code WebSocket.bufferedAmount}); what
 * it has is {@link WebSocketImpl#outQueue}, public, an unbounded queue of framed buffers that the
 * selector thread drains into the socket when it is writable. The sum of their remaining bytes is
 * what this member owes us. The selector thread may be writing the head buffer while we count, so
 * the figure is a moment's estimate — good enough to compare with a bound of a megabyte.
 */
final class UnsentBytes {

    private UnsentBytes() {
    }

    static long of(WebSocket connection) {
        if (!(connection instanceof WebSocketImpl impl) || impl.outQueue.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (ByteBuffer buffer : impl.outQueue) { // weakly consistent: safe while the selector polls
            total += buffer.remaining();
        }
        return total;
    }
}
