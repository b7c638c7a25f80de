package dev.sanfi.sockets.netty.guard;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * The closing handshake (RFC 6455 §5.5.1, §7.1), with each Close sent once:
 *
 * <ul>
 *   <li>the peer closes first: answer with the same frame (same code and reason, an empty body for
 *       an empty one), then close TCP — the server closes the connection first (§7.1.1);</li>
 *   <li>we closed first (idle, shutdown, protocol error): the peer's Close is the answer; it is not
 *       answered again, and TCP is closed.</li>
 * </ul>
 *
 * Netty's protocol handler, configured with {@code handleCloseFrames(false)}, passes Close frames
 * here. Its own closing (the default) answers a peer's Close that replies to ours, sending a second
 * Close. It does drop every frame written after our Close (§5.5.1), so that rule needs no handler.
 * A peer that never answers our Close is {@link LingeringClose}'s to cut off.
 */
public final class CloseHandshake extends ChannelDuplexHandler {

    private boolean closeSent;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof CloseWebSocketFrame close)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closeSent) {
            close.release(); // the answer to our Close: the handshake is complete
            ctx.close();
        } else {
            ChannelPromise answered = ctx.newPromise();
            write(ctx, close, answered); // the same frame back: same code, same reason
            ctx.flush();
            answered.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            closeSent = true;
        }
        ctx.write(msg, promise);
    }
}
