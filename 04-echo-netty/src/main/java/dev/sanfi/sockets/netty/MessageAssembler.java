package dev.sanfi.sockets.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Reassembles a fragmented message (RFC 6455 §5.4) into one Text or Binary frame, up to the
 * message limit. Netty's aggregator reports a message over the limit as a bare
 * {@code TooLongFrameException}, which carries no close code; here it becomes a violation with
 * 1009 Message Too Big (§7.4.1), so that {@link ConnectionFailure} tells the peer why.
 *
 * <p>A message in one frame never gets here too big: the decoder refuses such a frame from its
 * header, before reading the payload ({@code maxFramePayloadLength}).
 */
final class MessageAssembler extends WebSocketFrameAggregator {

    private final int maxMessageBytes;

    MessageAssembler(int maxMessageBytes) {
        super(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
        // The aggregator releases the frame and drops the rest of the message itself.
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "message over " + maxMessageBytes + " bytes"));
    }
}
