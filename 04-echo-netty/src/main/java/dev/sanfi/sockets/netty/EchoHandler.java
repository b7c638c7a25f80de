package dev.sanfi.sockets.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The echo itself: every complete Text or Binary message goes back as it came, the very frame object
 * (same type, same bytes, no copy).
 *
 * <p>Two lessons live here. <b>Write vs flush:</b> {@code write} only queues; {@code flush} makes the
 * system call. One read can decode many messages, so the handler writes each and flushes once, when
 * the read is complete — one syscall for a batch instead of one per message.
 * <b>Backpressure:</b> queued bytes count against the channel's write buffer water mark; above the
 * high mark the channel is unwritable, and this handler stops reading (auto-read off) until the peer
 * has taken enough for it to be writable again. A peer that sends without reading only fills its own
 * TCP window, never the server's memory.
 */
final class EchoHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            ctx.write(msg); // queued, not yet sent
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // one flush for everything this read produced
        if (peerIsSlow(ctx.channel())) {
            ctx.channel().config().setAutoRead(false); // stop reading from it until it catches up
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Unwritable because echoes are waiting for the peer to read them. A channel whose output is
     * shut (after {@link ConnectionFailure}) is unwritable for good: it must go on reading, to
     * drain what the peer still sends until it closes.
     */
    private static boolean peerIsSlow(Channel channel) {
        return !channel.isWritable() && !(channel instanceof DuplexChannel duplex && duplex.isOutputShutdown());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true); // drained below the low mark: read again
        }
        ctx.fireChannelWritabilityChanged();
    }
}
