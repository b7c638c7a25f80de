package dev.sanfi.sockets.netty.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection must have upgraded to WebSocket within {@code settings.handshakeTimeout()} of being
 * accepted, or its socket is closed (contract §2). RFC 6455 sets no time for the opening handshake
 * (§4); this is a slow-loris guard: a client that trickles one header byte a second keeps a read
 * timeout alive for ever, a deadline it cannot. Plain HTTP connections, such as the browser
 * fetching the page, are closed by it too once their time is up.
 *
 * <p>Netty's own {@code handshakeTimeoutMillis} only starts once a complete upgrade request has
 * arrived, so it does not guard the request itself. This handler sits after the protocol handler,
 * where it sees {@link HandshakeComplete}, and leaves the pipeline then.
 */
public final class HandshakeDeadline extends ChannelInboundHandlerAdapter {

    private final Duration timeout;
    private ScheduledFuture<?> deadline;

    public HandshakeDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            schedule(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        schedule(ctx);
        ctx.fireChannelActive();
    }

    private void schedule(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor().schedule((Runnable) ctx::close, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            ctx.pipeline().remove(this); // the WebSocket timers (Keepalive) take over
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
