package dev.sanfi.sockets.netty;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: every exception ends here. A protocol violation fails the WebSocket connection
 * (RFC 6455 §7.1.7): a Close frame with the violation's code — 1002, 1007 or 1009 — then the
 * server's half of TCP is shut (FIN). The socket itself closes when the peer answers, or when
 * {@link CloseHandshake}'s timer runs out. Closing it at once could turn into a TCP reset that
 * destroys the Close frame before the peer reads it, if the peer is still sending (say, the rest
 * of a frame that was too large).
 */
final class ConnectionFailure extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFailure.class);

    /** §5.5: a control frame's body is at most 125 bytes, 2 of them the code. */
    private static final int MAX_REASON_BYTES = 123;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException violation) {
            int code = violation.closeStatus().code();
            LOG.debug("failing {} with {}: {}", ctx.channel().remoteAddress(), code, violation.getMessage());
            ChannelFuture sent = ctx.writeAndFlush(new CloseWebSocketFrame(code, reason(violation.getMessage())));
            sent.addListener(done -> {
                if (done.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                } else {
                    ctx.close();
                }
            });
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The peer reset the connection, or left in the middle of a message: nothing to answer.
            LOG.debug("connection {} ended: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            LOG.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    /** The reason cut to what fits in a control frame, on a character boundary. */
    static String reason(String message) {
        String reason = message == null ? "" : message;
        while (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason;
    }
}
