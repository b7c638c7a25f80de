package dev.sanfi.sockets.exercises.ch7;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.function.Consumer;

/**
 * Chapter 7, exercise 1: a handler that logs the type and payload size of every frame, both ways,
 * and passes each on untouched. Placed before the protocol handler (see {@link TextbookPipeline}),
 * it sees the frames that handler consumes — the peer's Pings and Pongs and Closes — and the Pongs
 * it writes.
 */
public final class FrameSizeLog extends ChannelDuplexHandler {

    private final Consumer<String> log;

    /** @param log where each line goes: {@code LOG::info} in a server, a list in a test */
    public FrameSizeLog(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof WebSocketFrame frame) {
            log.accept("in " + describe(frame));
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof WebSocketFrame frame) {
            log.accept("out " + describe(frame));
        }
        ctx.write(message, promise);
    }

    /** "TEXT 5 bytes", with "(not final)" for a fragment that more fragments follow (RFC 6455 §5.4). */
    static String describe(WebSocketFrame frame) {
        return type(frame) + " " + frame.content().readableBytes() + " bytes" + (frame.isFinalFragment() ? "" : " (not final)");
    }

    private static String type(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            return "TEXT";
        }
        if (frame instanceof BinaryWebSocketFrame) {
            return "BINARY";
        }
        if (frame instanceof ContinuationWebSocketFrame) {
            return "CONTINUATION";
        }
        if (frame instanceof PingWebSocketFrame) {
            return "PING";
        }
        if (frame instanceof PongWebSocketFrame) {
            return "PONG";
        }
        if (frame instanceof CloseWebSocketFrame) {
            return "CLOSE";
        }
        return frame.getClass().getSimpleName();
    }
}
