package dev.sanfi.sockets.netty.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Don't read what you cannot write: while the channel is unwritable — more echoes queued for the
 * peer than the write buffer's high water mark — this handler switches auto-read off, and back on
 * when the queue has drained below the low mark. A peer that sends without reading then only fills
 * its own TCP window, never the server's memory. RFC 6455 has no rule for this (its §10.4 asks for
 * limits on frame and message sizes, which {@link MessageSizeLimit} keeps); the contract's echo
 * under load (contract §2: "nothing is dropped") needs it.
 *
 * <p>Netty signals writability but acts on it nowhere. This handler sits after the echo, so it
 * looks at writability after the echo's flush of each read. It costs nothing per frame: it only
 * overrides read-complete and writability events, and Netty skips a handler for the events it does
 * not override.
 *
 * <p>One exception: a channel whose output {@link LingeringClose} has shut is unwritable for good,
 * and must go on reading, to drain what the peer still sends until it closes.
 */
public final class Backpressure extends ChannelInboundHandlerAdapter {

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peerIsSlow(ctx.channel())) {
            ctx.channel().config().setAutoRead(false); // stop reading from it until it catches up
        }
        ctx.fireChannelReadComplete();
    }

    private static boolean peerIsSlow(Channel channel) {
        return !channel.isWritable() && !LingeringClose.isLingering(channel);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true); // drained below the low mark: read again
        }
        ctx.fireChannelWritabilityChanged();
    }
}
