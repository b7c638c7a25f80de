package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoProtocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Acts on the events of the {@code idle} {@link io.netty.handler.timeout.IdleStateHandler}, which
 * sits before the protocol handler so that it counts every frame, pings and pongs included:
 *
 * <ul>
 *   <li>nothing read or written for the ping interval ({@link IdleState#ALL_IDLE}): send a Ping
 *       (RFC 6455 §5.5.2). A live peer answers with a Pong, which counts as a read;</li>
 *   <li>nothing read for the idle timeout ({@link IdleState#READER_IDLE}): the peer is gone or
 *       mute, close with 1001 Going Away (§7.4.1).</li>
 * </ul>
 *
 * Before the upgrade these events are ignored: {@link HandshakeDeadline} guards that phase.
 */
final class Keepalive extends ChannelInboundHandlerAdapter {

    private boolean open;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            open = true;
        } else if (event instanceof IdleStateEvent idle) {
            if (open && idle.state() == IdleState.READER_IDLE) {
                ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.GOING_AWAY, "idle timeout"));
            } else if (open && idle.state() == IdleState.ALL_IDLE) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
