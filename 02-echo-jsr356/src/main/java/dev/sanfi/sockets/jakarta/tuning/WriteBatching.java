package dev.sanfi.sockets.jakarta.tuning;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.impl.FutureImpl;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.utils.Futures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tyrus's filter, with the echoes of one read written in one socket write instead of one each.
 *
 * <p>Tyrus sends every message the endpoint returns by itself: a write to the socket per echo, and
 * the endpoint's thread waits for it (a blocking send). When one read brings ten messages, that is
 * ten system calls where Netty and 01-echo-raw make one; on one core the profile of the echo was
 * two thirds system time. This filter takes Tyrus's place in the chain and runs it: while Tyrus
 * handles a read, the data frames it writes on that thread for that connection are collected (and
 * its send is told they are written, so it goes on to the next message), and when Tyrus returns they
 * go out together, the thread waiting for that one write as it waited for each before. So a peer
 * that does not read still holds back the next read, as RFC 6455 leaves to the server, and what is
 * waiting is bounded by one read's echoes ({@link #MAX_BATCH_BYTES}).
 *
 * <p>The order on the wire stays Tyrus's: a control frame (Close, Ping, Pong), a large frame, or a
 * write from another thread first writes what is collected, then itself. The frames themselves are
 * untouched, so the guard's filters below see the bytes they saw before, only more of them at once.
 */
public final class WriteBatching extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBatching.class);

    /** Once the echoes of a read add up to this much, they are written before Tyrus goes on. */
    static final int MAX_BATCH_BYTES = 64 * 1024;
    /** A frame larger than this is written by itself: copying it into a batch saves no system call. */
    static final int MAX_BATCHED_FRAME_BYTES = 8 * 1024;

    private static final Attribute<Batch> BATCH =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WriteBatching.class.getName() + ".batch");

    private final BaseFilter tyrus;
    private final Duration writeTimeout;

    /**
     * @param tyrus        Tyrus's own filter ({@code GrizzlyServerFilter}), which this one runs
     * @param writeTimeout how long a batch may wait for the peer to take it; then the connection is
     *                     closed, as a peer that reads nothing for that long is gone
     */
    public WriteBatching(BaseFilter tyrus, Duration writeTimeout) {
        this.tyrus = tyrus;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        Batch batch = BATCH.get(connection);
        if (batch == null) {
            batch = new Batch();
            BATCH.set(connection, batch);
        }
        synchronized (batch) {
            batch.owner = Thread.currentThread();
        }
        try {
            return tyrus.handleRead(ctx);
        } finally {
            byte[] bytes;
            int size;
            synchronized (batch) {
                batch.owner = null;
                bytes = batch.bytes;
                size = batch.size;
                batch.clear();
            }
            if (size > 0) {
                writeAndWait(connection, bytes, size);
            }
        }
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        Batch batch = BATCH.get(connection);
        if (batch == null) {
            return ctx.getInvokeAction();
        }
        Object message = ctx.getMessage();
        byte[] full = null;
        byte[] pending = null;
        int size = 0;
        synchronized (batch) {
            if (batch.owner == Thread.currentThread() && message instanceof Buffer frame && isDataFrame(frame)
                    && frame.remaining() <= MAX_BATCHED_FRAME_BYTES) {
                batch.append(frame);
                if (batch.size < MAX_BATCH_BYTES) {
                    complete(ctx);
                    return ctx.getStopAction();
                }
                full = batch.bytes;
            } else {
                pending = batch.bytes;
            }
            size = batch.size;
            batch.clear();
        }
        if (full != null) {
            // The read's echoes fill a batch: out with them now, this frame the last of them.
            writeAndWait(connection, full, size);
            complete(ctx);
            return ctx.getStopAction();
        }
        if (size > 0) {
            // What was collected goes first, in the same write as this frame: a write of its own through
            // connection.write would pass this filter again on this thread and be collected once more,
            // to go out after this frame (after a Close, say).
            Buffer collected = Buffers.wrap(connection.getMemoryManager(), pending, 0, size);
            if (message instanceof Buffer frame) {
                ctx.setMessage(Buffers.appendBuffers(connection.getMemoryManager(), collected, frame));
            } else {
                synchronized (batch) {
                    batch.owner = null; // the rest of this read's writes go out one by one, in order
                }
                connection.write(collected);
            }
        }
        return ctx.getInvokeAction();
    }

    /** RFC 6455 §5.2: opcodes 0 (continuation), 1 (text) and 2 (binary) are data; 8 and up are control. */
    private static boolean isDataFrame(Buffer frame) {
        return frame.remaining() >= 2 && (frame.get(frame.position()) & 0x0F) <= 0x2;
    }

    /** Tells Tyrus's send that its frame is written: it is, into the batch that goes out with the read. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void complete(FilterChainContext ctx) {
        CompletionHandler handler = ctx.getTransportContext().getCompletionHandler();
        if (handler != null) {
            handler.completed(null);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writeAndWait(Connection connection, byte[] bytes, int size) {
        FutureImpl<WriteResult> written = Futures.createSafeFuture();
        connection.write(Buffers.wrap(connection.getMemoryManager(), bytes, 0, size),
                (CompletionHandler) Futures.toCompletionHandler(written));
        try {
            written.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("closing {}: it took no bytes for {} s", connection.getPeerAddress(), writeTimeout.toSeconds());
            connection.closeSilently();
        } catch (ExecutionException e) {
            LOG.debug("writing to {} failed: {}", connection.getPeerAddress(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        return tyrus.handleClose(ctx);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        return tyrus.handleEvent(ctx, event);
    }

    @Override
    public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
        tyrus.exceptionOccurred(ctx, error);
    }

    /** The frames collected on one connection while its read is being handled, and by which thread. */
    private static final class Batch {
        Thread owner;
        byte[] bytes;
        int size;

        void append(Buffer frame) {
            int length = frame.remaining();
            if (bytes == null) {
                bytes = new byte[Math.max(512, length)];
            } else if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
            }
            frame.get(bytes, size, length);
            size += length;
        }

        /** Forgets the bytes (their array now belongs to a write) and keeps the owner. */
        void clear() {
            bytes = null;
            size = 0;
        }
    }
}
