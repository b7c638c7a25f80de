package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.jakarta.tuning.UnmaskedFrames;
import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Grizzly filter in front of Tyrus that puts every read of an upgraded connection through the
 * connection's {@link FrameCheck} (with permessage-deflate, if the upgrade agreed to it): what is fine goes on to Tyrus; at a fault the connection is failed
 * (RFC 6455 §7.1.7) with a Close of the fault's code, by {@link CloseOnce}, after Tyrus has echoed the
 * messages before the fault. Tyrus then reports the session closed with 1006, as it saw no closing
 * handshake.
 *
 * <p>Without permessage-deflate, what goes on to Tyrus is the frames the check has unmasked, written
 * again without a mask ({@link UnmaskedFrames}, in {@code tuning}: Tyrus's own unmasking was most of
 * its CPU); with it, the client's bytes as they came.
 */
public final class FrameCheckFilter extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameCheckFilter.class);

    private static final Attribute<FrameCheck> CHECK =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameCheckFilter.class.getName() + ".check");

    /** Whether this connection's frames go on to Tyrus unmasked: when it agreed to no compression. */
    private static final Attribute<Boolean> UNMASKED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameCheckFilter.class.getName() + ".unmasked");

    private final int maxMessageBytes;
    private final CloseOnce close;

    public FrameCheckFilter(int maxMessageBytes, CloseOnce close) {
        this.maxMessageBytes = maxMessageBytes;
        this.close = close;
    }

    /** Whether the client's Close on this connection had no body, so that Tyrus's answer must have none either. */
    static boolean emptyCloseSeen(Connection<?> connection) {
        FrameCheck check = CHECK.get(connection);
        return check != null && check.emptyCloseSeen();
    }

    @Override
    @SuppressWarnings("unchecked") // Grizzly's close listener takes raw types
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (!RequestCheck.upgraded(connection)) {
            return ctx.getInvokeAction(); // plain HTTP
        }
        FrameCheck check = CHECK.get(connection);
        if (check == null) {
            FrameCheck checks = new FrameCheck(maxMessageBytes, DeflateNegotiation.agreed(connection));
            UNMASKED.set(connection, DeflateNegotiation.agreed(connection) == null);
            CHECK.set(connection, checks);
            connection.addCloseListener((CloseListener<Closeable, CloseType>) (closed, type) -> checks.release());
            return ctx.getInvokeAction(); // the upgrade request itself: frames start after Tyrus's 101
        }
        HttpContent content = ctx.getMessage();
        Buffer bytes = content.getContent();
        int start = bytes.position();
        // A view with a position of its own: the check reads it, Grizzly's buffer stays as it is.
        FrameCheck.Verdict verdict = check.check(bytes.toByteBuffer().duplicate());
        FrameCheck.Fault fault = verdict.fault();
        if (fault != null) {
            LOG.info("failing {}: {} {}", connection.getPeerAddress(), fault.code(), fault.reason());
        }
        if (verdict.passBytes() == 0) {
            if (fault != null) {
                close.send(connection, fault.code(), fault.reason());
            }
            return ctx.getStopAction();
        }
        if (UNMASKED.get(connection)) {
            ctx.setMessage(HttpContent.create(content.getHttpHeader(), content.isLast(),
                    Buffers.wrap(connection.getMemoryManager(), UnmaskedFrames.write(check.passedFrames()))));
        } else {
            bytes.limit(start + verdict.passBytes());
        }
        if (fault != null) {
            // The frames before the fault are still echoed; the Close goes out after Tyrus has written them.
            ctx.addCompletionListener(done -> close.send(connection, fault.code(), fault.reason()));
        }
        return ctx.getInvokeAction();
    }
}
