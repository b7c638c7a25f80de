package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.common.CloseCodes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A received Close frame's body must be empty, or a 2-byte status code that may be sent on the
 * wire ({@link CloseCodes#mayBeSent}, RFC 6455 §7.4) followed by a UTF-8 reason (§5.5.1). A
 * violation is thrown as {@link CorruptedWebSocketFrameException} with 1002 (1007 for the reason's
 * UTF-8, §8.1), which {@link FailTheConnection} turns into our Close frame.
 *
 * <p>Netty's decoder checks most of this too, but its range of valid codes ends nowhere (5000 and
 * up pass), and with its default configuration it answers a bad Close with "1000 Bye".
 */
public final class CloseCodeCheck extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            CorruptedWebSocketFrameException violation = check(close.content());
            if (violation != null) {
                close.release();
                throw violation;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The violation in a Close frame's body, or null when the body is valid. */
    static CorruptedWebSocketFrameException check(ByteBuf body) {
        int length = body.readableBytes();
        if (length == 0) {
            return null; // §5.5.1: the body is optional
        }
        if (length == 1) {
            return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "close frame with a 1-byte body");
        }
        int code = body.getUnsignedShort(body.readerIndex());
        if (!CloseCodes.mayBeSent(code)) {
            return new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "invalid close code " + code);
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body.nioBuffer(body.readerIndex() + 2, length - 2));
        } catch (CharacterCodingException e) {
            return new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                    "close reason is not valid UTF-8");
        }
        return null;
    }
}
