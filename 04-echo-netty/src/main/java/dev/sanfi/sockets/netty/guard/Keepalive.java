package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.common.CloseCodes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Acts on the events of Netty's {@link IdleStateHandler} ({@link #timers}), which must sit
 * <em>before</em> the protocol handler: that handler answers Pings and drops Pongs, so a timer
 * after it would not see them — and any frame from the peer counts as life.
 *
 * <ul>
 *   <li>nothing read or written for the ping interval ({@link IdleState#ALL_IDLE}): send a Ping
 *       (RFC 6455 §5.5.2); a live peer answers with a Pong (§5.5.3), which is a read. In an echo
 *       the server writes only what the peer made it write, so this is silence from the peer;</li>
 *   <li>nothing read for the idle timeout ({@link IdleState#READER_IDLE}): the peer is gone or
 *       mute, close with 1001 Going Away (§7.4.1; the course's convention for an idle peer).</li>
 * </ul>
 *
 * Netty's WebSocket handler has no keepalive of its own. Before the upgrade these events are
 * ignored: {@link HandshakeDeadline} guards that phase.
 */
public final class Keepalive extends ChannelInboundHandlerAdapter {

    private boolean open;

    /**
     * The timers: reader-idle after the idle timeout, all-idle after the ping interval. Our own
     * Pings are writes, which do not reset the reader timer: a mute peer is still closed in time.
     */
    public static IdleStateHandler timers(Duration pingInterval, Duration idleTimeout) {
        return new IdleStateHandler(idleTimeout.toMillis(), 0, pingInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

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
