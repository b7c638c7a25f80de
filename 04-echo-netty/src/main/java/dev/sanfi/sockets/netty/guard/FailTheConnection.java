package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.common.CloseCodes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: every exception ends here. A protocol violation fails the WebSocket connection
 * (RFC 6455 §7.1.7): a Close frame with the violation's code — 1002, 1007 or 1009 — and a reason
 * that fits a control frame ({@link CloseCodes#fittingReason}, §5.5), then a close, which
 * {@link LingeringClose} turns into a half-close until the peer has answered.
 *
 * <p>Netty's protocol handler, configured with {@code closeOnProtocolViolation(false)}, reports a
 * violation as a {@link CorruptedWebSocketFrameException} carrying its close status, instead of
 * closing with a generic Close of its own. An I/O error needs no answer, and is no stack trace.
 * Nor is a failed TLS handshake: Netty's {@code SslHandler} reports bytes that are no TLS record (a
 * plain-HTTP request or garbage on a {@code wss://} port) and a handshake that failed as a decoder
 * exception around an {@link SSLException}; each is one log line, and the connection is closed
 * without a word, since the peer speaks no TLS we could answer in.
 */
public final class FailTheConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(FailTheConnection.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException violation) {
            int code = violation.closeStatus().code();
            LOG.debug("failing {} with {}: {}", ctx.channel().remoteAddress(), code, violation.getMessage());
            String reason = violation.getMessage() == null ? "" : violation.getMessage();
            ctx.writeAndFlush(new CloseWebSocketFrame(code, CloseCodes.fittingReason(reason)));
        } else if (cause instanceof DecoderException && cause.getCause() instanceof SSLException tls) {
            LOG.info("closed {}: {}", ctx.channel().remoteAddress(), tls instanceof NotSslRecordException
                    ? "not TLS (plain HTTP or garbage on the TLS port)" : "TLS handshake failed: " + tls.getMessage());
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The peer reset the connection, or left in the middle of a message: nothing to answer.
            LOG.debug("connection {} ended: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
