package dev.sanfi.sockets.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Netty's {@link WebSocketServerProtocolHandler} (upgrade, Ping → Pong, frame decoding and
 * encoding), minus one habit: on <em>any</em> exception the stock handler closes the socket at
 * once, so a protocol error would end the connection before {@link ConnectionFailure} could send the
 * Close frame with the error's code (RFC 6455 §7.1.7: fail the connection = send the Close, then
 * close). Violations are passed on instead; every other exception is still handled the stock way.
 */
final class EchoProtocolHandler extends WebSocketServerProtocolHandler {

    EchoProtocolHandler(WebSocketServerProtocolConfig config) {
        super(config);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof CorruptedWebSocketFrameException) {
            ctx.fireExceptionCaught(cause);
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }
}
