package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.common.Limits;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Once the server has sent its Close frame, TCP is not closed before the peer has had its say: a
 * close asked for earlier only shuts the server's output (a FIN after the Close), and the channel
 * goes on reading until the peer's Close or end of stream arrives, or {@link Limits#SHUTDOWN_GRACE}
 * has passed since our Close.
 *
 * <p>Why: RFC 6455 §7.1.7 (failing the connection) and §7.1.1 want the Close frame to reach the
 * peer. A socket closed with unread input makes the kernel answer with a TCP reset, and a reset can
 * destroy the Close in the peer's receive buffer before the peer reads it — typically when the peer
 * is still sending the rest of a frame that was too large. Netty's protocol handler closes the
 * channel right after reporting any violation; this handler sits between it and the socket, so that
 * close becomes a half-close. The bound also covers a peer that never answers an idle or shutdown
 * Close (§7.1.1: the server closes the TCP connection; it need not wait for ever).
 *
 * <p>Over TLS the half-close starts with TLS's own: a {@code close_notify} alert before the FIN
 * (RFC 8446 §6.1: each party sends one "before closing its write side of the connection"), so that
 * the peer reads an end of stream rather than a truncated connection. Reading goes on through the
 * {@link SslHandler}: TLS 1.3 closes each direction on its own.
 *
 * <p>What the peer sends after our Close, but its Close, is dropped here, in front of everything
 * that would decode, inflate, validate or echo it: after failing a connection an endpoint "MUST NOT
 * continue to attempt to process data" (RFC 6455 §7.1.7), and after any Close of ours there is
 * nothing left to answer (§5.5.1). A peer that goes on sending compressed fragments cannot keep the
 * inflater busy through the grace.
 */
public final class LingeringClose extends ChannelDuplexHandler {

    private ChannelFuture closeWritten;
    private boolean closeReceived;
    private boolean lingering;
    private ScheduledFuture<?> linger;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame) {
            closeReceived = true; // the peer has spoken: a close from now on is the real one
        } else if (closeWritten != null && msg instanceof WebSocketFrame) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame && closeWritten == null) {
            ChannelPromise written = promise.unvoid();
            closeWritten = written;
            linger = ctx.executor().schedule((Runnable) ctx::close, // ctx.close() passes by this handler
                    Limits.SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            ctx.write(msg, written);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeWritten == null || closeReceived || !(ctx.channel() instanceof DuplexChannel duplex)
                || !duplex.isActive()) {
            ctx.close(promise);
            return;
        }
        duplex.closeFuture().addListener(closed -> promise.trySuccess());
        if (lingering) {
            return;
        }
        lingering = true;
        ctx.flush();
        closeWritten.addListener(written -> {
            if (written.isSuccess()) {
                endOutput(ctx, duplex); // FIN after our Close; the input stays open
                duplex.config().setAutoRead(true); // read on: to the peer's Close or end of stream
            } else {
                ctx.close();
            }
        });
    }

    private static void endOutput(ChannelHandlerContext ctx, DuplexChannel duplex) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            duplex.shutdownOutput();
        } else {
            tls.closeOutbound().addListener(sent -> duplex.shutdownOutput());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (linger != null) {
            linger.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    /** True while the output is shut after our Close, so the channel must keep reading. */
    public static boolean isLingering(io.netty.channel.Channel channel) {
        return channel instanceof DuplexChannel duplex && duplex.isOutputShutdown();
    }
}
