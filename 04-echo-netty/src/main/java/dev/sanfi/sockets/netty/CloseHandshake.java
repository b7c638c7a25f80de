package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.Limits;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The closing handshake (RFC 6455 §5.5.1, §7.1), from both sides:
 *
 * <ul>
 *   <li>the peer closes first: answer with the same frame (same code, an empty body for an empty
 *       one), then close TCP — the server closes the connection first (§7.1.1);</li>
 *   <li>we close first (idle, shutdown, protocol error): no frame may follow our Close; when the
 *       peer's Close arrives, or {@link Limits#SHUTDOWN_GRACE} has passed without one, close TCP.</li>
 * </ul>
 *
 * Netty's protocol handler could answer Close frames itself, but it also answers a peer's Close that
 * replies to ours, sending a second Close; and its {@code close()} adds a "1000 Bye" of its own.
 */
final class CloseHandshake extends ChannelDuplexHandler {

    private boolean open;
    private boolean closeSent;
    private ScheduledFuture<?> replyTimeout;

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
        if (msg instanceof WebSocketFrame && closeSent) {
            // §5.5.1: after sending a Close frame, the endpoint must not send any more data frames.
            ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
            return;
        }
        if (msg instanceof CloseWebSocketFrame) {
            closeSent = true;
            replyTimeout = ctx.executor().schedule((Runnable) ctx::close,
                    Limits.SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            open = true;
        } else if (event == ServerStopping.INSTANCE && open && !closeSent) {
            write(ctx, new CloseWebSocketFrame(CloseCodes.GOING_AWAY, "server stopping"), ctx.newPromise());
            ctx.flush();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (replyTimeout != null) {
            replyTimeout.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
