package dev.sanfi.sockets.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The echo: every frame that reaches this handler goes back as it came — the very frame object,
 * so the same type (Text stays Text, Binary stays Binary) and the same bytes, with no copy.
 *
 * <p>Netty's {@link io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler}, in
 * front of this handler, has done the rest: the upgrade, decoding and unmasking, Ping → Pong, the
 * Close. What arrives here is data; what is written here is encoded on its way out.
 *
 * <p>The one Netty lesson of this file is <b>write vs flush</b>: {@code write} only queues the frame
 * in the channel's outbound buffer; {@code flush} makes the system call. One read from the socket
 * can decode many frames, so each is written and the batch is flushed once, when the read is
 * complete — one syscall per read instead of one per message.
 */
final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    EchoHandler() {
        super(false); // do not release the frame after channelRead0: it is written back, and the
                      // encoder releases it once its bytes are on their way
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ctx.write(frame); // queued, not yet sent
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // one flush for everything this read produced
        ctx.fireChannelReadComplete();
    }
}
