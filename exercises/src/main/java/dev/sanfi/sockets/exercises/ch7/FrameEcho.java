package dev.sanfi.sockets.exercises.ch7;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** The echo of chapter 7, for the exercises' own pipelines: each data frame goes back as it came, flushed once per read. */
public final class FrameEcho extends SimpleChannelInboundHandler<WebSocketFrame> {

    public FrameEcho() {
        super(false); // the frame is written back; the encoder releases it
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ctx.write(frame);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }
}
