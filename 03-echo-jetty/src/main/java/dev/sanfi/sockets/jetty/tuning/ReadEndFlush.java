package dev.sanfi.sockets.jetty.tuning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A connection's socket end that says when a read has run dry: when {@link #fill} finds no bytes
 * (or the end of the stream), the connection has handled everything that arrived and is about to
 * wait for more, which is when the frames collected meanwhile must go out ({@link BatchingExtension}).
 */
final class ReadEndFlush extends SocketChannelEndPoint {

    private volatile Runnable onReadEnd;

    ReadEndFlush(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /** Sets what to run when a read runs dry; only once, for the WebSocket connection on this socket. */
    boolean callOnReadEnd(Runnable action) {
        if (onReadEnd != null) {
            return false;
        }
        onReadEnd = action;
        return true;
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        int filled = super.fill(buffer);
        if (filled <= 0) {
            Runnable action = onReadEnd;
            if (action != null) {
                action.run();
            }
        }
        return filled;
    }
}
