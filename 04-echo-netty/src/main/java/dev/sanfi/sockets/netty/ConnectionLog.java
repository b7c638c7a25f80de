package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.CloseCodes;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line when a WebSocket session opens and one when its connection closes, with the code of
 * the first Close frame either side sent (1006 when there was none, RFC 6455 §7.1.5). It sits where
 * it sees the peer's Close frames and every Close frame the server writes.
 */
final class ConnectionLog extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLog.class);

    private boolean open;
    private int closeCode = CloseCodes.ABNORMAL_CLOSURE;
    private String closedBy = "";

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            open = true;
            LOG.info("opened {}", ctx.channel().remoteAddress());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            record(close, "by the peer");
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame close) {
            record(close, "by the server");
        }
        ctx.write(msg, promise);
    }

    private void record(CloseWebSocketFrame close, String by) {
        if (closedBy.isEmpty()) {
            // An empty Close carries no code: "1005 No Status Rcvd" in the API, never on the wire.
            closeCode = close.content().readableBytes() >= 2 ? close.statusCode() : CloseCodes.NO_STATUS_RECEIVED;
            closedBy = " " + by;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            LOG.info("closed {}: {}{}", ctx.channel().remoteAddress(), closeCode, closedBy);
        }
        ctx.fireChannelInactive();
    }
}
