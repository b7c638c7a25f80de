package dev.sanfi.sockets.netty.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * A message may be at most {@code settings.maxMessageBytes()} long, however it is fragmented:
 * Netty's {@link WebSocketFrameAggregator} reassembles the fragments (RFC 6455 §5.4) up to the
 * limit, and a message over it fails the connection with 1009 Message Too Big (§7.4.1) — which the
 * stock aggregator cannot say: it reports a bare {@code TooLongFrameException}, with no close code.
 * RFC 6455 §10.4 asks for exactly this limit, against a peer that sends "a long stream of small
 * frames that are a part of a fragmented message".
 *
 * <p>Without compression a message in one frame never gets here too big: the decoder refuses such
 * a frame from its header, before reading the payload ({@code maxFramePayloadLength}). With
 * permessage-deflate the decoder sees the compressed length, and the inflater stops a little past
 * the limit; the first frame of a message is checked here, inflated, against the limit itself — the
 * aggregator passes an unfragmented message on unchecked and counts a fragmented one from its first
 * continuation on.
 */
public final class MessageSizeLimit extends WebSocketFrameAggregator {

    private final int maxMessageBytes;

    public MessageSizeLimit(int maxMessageBytes) {
        super(maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if ((msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)
                && ((WebSocketFrame) msg).content().readableBytes() > maxMessageBytes) {
            handleOversizedMessage(ctx, (WebSocketFrame) msg);
            ((WebSocketFrame) msg).release();
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
        // The aggregator releases the frame and drops the rest of the message itself.
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "message over " + maxMessageBytes + " bytes"));
    }
}
