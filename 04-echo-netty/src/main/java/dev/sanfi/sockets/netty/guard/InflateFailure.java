package dev.sanfi.sockets.netty.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.zip.DataFormatException;

/**
 * The failures of Netty's permessage-deflate inflater, as the violations they are. It sits right
 * after the inflater, which reports them as codec exceptions with no close status, so that
 * {@link FailTheConnection} would only see an unexpected error:
 *
 * <ul>
 *   <li>its buffer full: the inflater stops at the bound it was given for one frame, so a frame
 *       that inflates past it — a deflate bomb — fails with 1009 Message Too Big (RFC 6455 §7.4.1)
 *       after that bound, not after the gigabyte it would have made;</li>
 *   <li>data zlib refuses ({@link DataFormatException}): a compressed message that is not the
 *       DEFLATE data RFC 7692 §7.2.2 inflates, so 1007 Invalid Payload Data, as chapter 3's server
 *       and the chat answer it;</li>
 *   <li>a compressed frame the inflater cannot use at all ("cannot read uncompressed buffer"):
 *       1002 Protocol Error.</li>
 * </ul>
 *
 * The inflater reads raw DEFLATE (no zlib header), which never asks for a preset dictionary, so a
 * {@link DecompressionException} without a zlib cause is the full buffer.
 */
public final class InflateFailure extends ChannelInboundHandlerAdapter {

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecompressionException inflate) {
            ctx.fireExceptionCaught(inflate.getCause() instanceof DataFormatException
                    ? violation(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "invalid compressed data")
                    : violation(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message inflates past the limit"));
        } else if (cause instanceof DecoderException && cause.getCause() instanceof CodecException
                && !(cause.getCause() instanceof DecoderException)) {
            ctx.fireExceptionCaught(violation(WebSocketCloseStatus.PROTOCOL_ERROR, "undecodable compressed frame"));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static CorruptedWebSocketFrameException violation(WebSocketCloseStatus status, String reason) {
        return new CorruptedWebSocketFrameException(status, reason);
    }
}
