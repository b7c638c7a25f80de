package dev.sanfi.sockets.jakarta.guard;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * An empty Close is answered with an empty Close. Tyrus answers a Close without a body with Close
 * 1000 "Normal closure."; RFC 6455 §5.5.1 only says the answer "typically" echoes the status code it
 * received, and the echo protocol wants the echo exact (contract §2), so this filter writes Tyrus's
 * answer without a body when the client's Close had none.
 */
public final class EmptyCloseEcho extends BaseFilter {

    /** FIN + opcode 0x8 and a payload length of 0: a Close frame from the server with no body. */
    private static final byte[] EMPTY_CLOSE = {(byte) 0x88, 0};

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof Buffer frame && frame.remaining() > 2
                && (frame.get(frame.position()) & 0xff) == 0x88
                && FrameCheckFilter.emptyCloseSeen(ctx.getConnection())) {
            ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(), EMPTY_CLOSE));
        }
        return ctx.getInvokeAction();
    }
}
