package dev.sanfi.sockets.jakarta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Grizzly filter between the {@link HandshakeGate} and Tyrus that runs every upgraded connection's
 * bytes through a {@link FrameScanner}. Frames before a fault go on to Tyrus as usual; at the fault
 * the connection is failed (RFC 6455 §7.1.7): a Close frame with the code, then the TCP connection
 * is closed. Tyrus then reports the session closed with 1006, as it saw no closing handshake.
 *
 * <p>The socket is not closed the moment the Close is written: the client may still be sending (the
 * rest of a message over the limit, say), and closing a socket with unread bytes makes the kernel
 * send a TCP reset, which can destroy our Close before the client reads it. So the guard keeps
 * reading and discarding until the client's Close arrives ({@link CloseWatch}; RFC 6455 §7.1.1: then
 * the server closes TCP), the client hangs up, or {@link #LINGER} passes.
 *
 * <p>Seeing every byte, the guard is also where the peer's activity is noted: each read of frame bytes
 * updates the connection's {@link LastHeard}, handed to the endpoint through {@link LastHeardHandoff}.
 */
final class FrameGuard extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameGuard.class);

    private static final Attribute<FrameScanner> SCANNER =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameGuard.class.getName() + ".scanner");
    private static final Attribute<LastHeard> LAST_HEARD =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameGuard.class.getName() + ".lastHeard");
    /** Set once the guard has failed the connection: it then only watches for the client's Close. */
    private static final Attribute<CloseWatch> FAILED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameGuard.class.getName() + ".failed");
    /** Which Close frames of a failed connection are through: {@link #OUR_CLOSE_SENT}, {@link #THEIR_CLOSE_SEEN}. */
    private static final Attribute<AtomicInteger> CLOSES =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameGuard.class.getName() + ".closes");
    private static final int OUR_CLOSE_SENT = 1;
    private static final int THEIR_CLOSE_SEEN = 2;

    /** FIN + opcode 0x8: the first byte of every unfragmented Close frame. */
    private static final int CLOSE_FRAME_START = 0x88;
    private static final byte[] EMPTY_CLOSE = {(byte) CLOSE_FRAME_START, 0};

    /** After our Close, how long the client has to hang up before we close the socket anyway. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final long maxPayloadBytes;
    private final ScheduledExecutorService timer;
    private final LastHeardHandoff handoff;

    FrameGuard(long maxPayloadBytes, ScheduledExecutorService timer, LastHeardHandoff handoff) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.timer = timer;
        this.handoff = handoff;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (!HandshakeGate.passed(connection)) {
            return ctx.getInvokeAction(); // plain HTTP, or an upgrade not yet checked
        }
        CloseWatch failed = FAILED.get(connection);
        if (failed != null) {
            // Failing: read and discard, until the client's Close (or its hang-up, or the linger).
            Buffer discarded = ((HttpContent) ctx.getMessage()).getContent();
            if (failed.closeSeen(discarded::get, discarded.position(), discarded.limit())) {
                closeThrough(connection, THEIR_CLOSE_SEEN);
            }
            return ctx.getStopAction();
        }
        FrameScanner scanner = SCANNER.get(connection);
        HttpContent content = ctx.getMessage();
        if (scanner == null) {
            // The upgrade request itself: frames start after Tyrus's 101.
            SCANNER.set(connection, new FrameScanner(maxPayloadBytes));
            handOffLastHeard(connection, content.getHttpHeader());
            return ctx.getInvokeAction();
        }
        // Any frame bytes, even part of a frame, a fragment or a Ping Tyrus answers alone, are life.
        LAST_HEARD.get(connection).heard();
        Buffer bytes = content.getContent();
        int faultAt = scanner.scan(bytes::get, bytes.position(), bytes.limit());
        if (faultAt < 0) {
            return ctx.getInvokeAction();
        }
        CloseWatch watch = scanner.closeWatch();
        CLOSES.set(connection, new AtomicInteger());
        FAILED.set(connection, watch);
        if (watch.closeSeen(bytes::get, scanner.resumeAt(), bytes.limit())) {
            closeThrough(connection, THEIR_CLOSE_SEEN); // the client's Close came in the same read
        }
        FrameScanner.Fault fault = scanner.fault();
        LOG.info("failing {}: {} {}", connection.getPeerAddress(), fault.code(), fault.reason());
        // The frames before the fault are still echoed; the Close goes out after Tyrus has written them.
        if (faultAt == bytes.position()) {
            fail(connection, fault);
            return ctx.getStopAction();
        }
        bytes.limit(faultAt);
        ctx.addCompletionListener(done -> fail(connection, fault));
        return ctx.getInvokeAction();
    }

    /** A new {@link LastHeard} for this connection, its key in the upgrade request for the endpoint to find. */
    private void handOffLastHeard(Connection<?> connection, HttpHeader upgrade) {
        LastHeard lastHeard = new LastHeard(System::nanoTime);
        LAST_HEARD.set(connection, lastHeard);
        String key = handoff.offer(lastHeard);
        upgrade.getHeaders().removeHeader(LastHeardHandoff.HEADER); // a client's own is never trusted
        upgrade.addHeader(LastHeardHandoff.HEADER, key);
        connection.addCloseListener((CloseListener<Closeable, CloseType>) (closed, type) -> handoff.withdraw(key));
    }

    /**
     * Tyrus answers a Close without a code with Close 1000 "Normal closure.". RFC 6455 §5.5.1 only says
     * the answer "typically" echoes the code; the echo protocol wants the echo exact, so when the
     * client's Close was empty, the server's answering Close is sent empty too.
     */
    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        FrameScanner scanner = SCANNER.get(ctx.getConnection());
        if (scanner != null && scanner.emptyCloseSeen() && ctx.getMessage() instanceof Buffer frame
                && frame.remaining() >= 2 && (frame.get(frame.position()) & 0xff) == CLOSE_FRAME_START) {
            ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(), EMPTY_CLOSE));
        }
        return ctx.getInvokeAction();
    }

    /** RFC 6455 §5.5.1: a Close frame from the server, unmasked, with a 2-byte code and a UTF-8 reason. */
    static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(2 + text.length, 125);
        byte[] frame = new byte[2 + length];
        frame[0] = (byte) CLOSE_FRAME_START;
        frame[1] = (byte) length;
        frame[2] = (byte) (code >> 8);
        frame[3] = (byte) code;
        System.arraycopy(text, 0, frame, 4, length - 2);
        return frame;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void fail(Connection connection, FrameScanner.Fault fault) {
        byte[] close = closeFrame(fault.code(), fault.reason());
        connection.write(Buffers.wrap(connection.getMemoryManager(), close), new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                closeThrough(connection, OUR_CLOSE_SENT);
                try {
                    timer.schedule(connection::closeSilently, LINGER.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    connection.closeSilently();
                }
            }

            @Override
            public void failed(Throwable error) {
                connection.closeSilently();
            }
        });
    }

    /** Notes one Close frame through; with both through, the closing handshake is over and TCP is closed (§7.1.1). */
    private static void closeThrough(Connection<?> connection, int close) {
        if (CLOSES.get(connection).accumulateAndGet(close, (a, b) -> a | b) == (OUR_CLOSE_SENT | THEIR_CLOSE_SEEN)) {
            connection.closeSilently();
        }
    }
}
