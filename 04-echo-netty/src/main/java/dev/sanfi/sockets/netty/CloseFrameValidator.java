package dev.sanfi.sockets.netty;

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
 * Checks a received Close frame's body before {@link CloseHandshake} answers it (RFC 6455 §5.5.1):
 * empty, or a 2-byte status code that may be sent on the wire (§7.4) followed by a UTF-8 reason.
 * A violation is thrown as {@link CorruptedWebSocketFrameException} with 1002 (or 1007 for the
 * reason's UTF-8), which {@link ConnectionFailure} turns into the Close frame.
 *
 * <p>Netty's decoder checks most of this too, but its range of valid codes ends nowhere (5000 and
 * up pass), and with its default configuration it answers a bad Close without the error's code.
 */
final class CloseFrameValidator extends ChannelInboundHandlerAdapter {

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
        if (!mayBeSent(code)) {
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

    /**
     * §7.4.1–7.4.2: 1000–1003 and 1007–1011 are defined, 1012–1014 registered with IANA since;
     * 1004 is reserved, 1005, 1006 and 1015 must never be sent; 3000–4999 are for libraries and
     * applications. Everything else (0–999, 1016–2999, 5000 and up) is invalid.
     */
    static boolean mayBeSent(int code) {
        return code >= 1000 && code <= 1003
                || code >= 1007 && code <= 1014
                || code >= 3000 && code <= 4999;
    }
}
