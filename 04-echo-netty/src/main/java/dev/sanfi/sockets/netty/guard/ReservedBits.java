package dev.sanfi.sockets.netty.guard;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;

/**
 * The RSV bits of every frame, on a server that offers permessage-deflate. Netty's frame decoder
 * checks them only while extensions are off; to let the compressed bit through it lets every bit
 * through, and its inflater passes on whatever it does not inflate. So this handler, in front of
 * the inflater, fails the connection with 1002 for a frame with
 *
 * <ul>
 *   <li>RSV2 or RSV3: no extension here gives them a meaning (RFC 6455 §5.2);</li>
 *   <li>RSV1 when permessage-deflate was not agreed in the 101 (§5.2 again);</li>
 *   <li>RSV1 on a control frame or a continuation: "An endpoint MUST NOT set the 'Per-Message
 *       Compressed' bit of control frames and non-first fragments of a data message. An endpoint
 *       receiving such a frame MUST _Fail the WebSocket Connection_" (RFC 7692 §6).</li>
 * </ul>
 *
 * Whether the extension was agreed it reads from the 101 response on its way out, after Netty's
 * extension handler has written its answer into {@code Sec-WebSocket-Extensions}.
 */
public final class ReservedBits extends ChannelDuplexHandler {

    private static final int RSV1 = 0b100;
    private static final int RSV2_RSV3 = 0b011;

    private boolean deflateAgreed;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            String extensions = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "");
            deflateAgreed = extensions.toLowerCase(Locale.ROOT).startsWith("permessage-deflate");
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String violation = msg instanceof WebSocketFrame frame ? violation(frame) : null;
        if (violation == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, violation));
    }

    private String violation(WebSocketFrame frame) {
        int rsv = frame.rsv();
        if ((rsv & RSV2_RSV3) != 0) {
            return "RSV2 or RSV3 set";
        }
        if ((rsv & RSV1) == 0) {
            return null;
        }
        if (!deflateAgreed) {
            return "RSV1 set without an extension";
        }
        if (frame instanceof ContinuationWebSocketFrame || isControl(frame)) {
            return "RSV1 set on a " + (frame instanceof ContinuationWebSocketFrame ? "continuation" : "control frame");
        }
        return null;
    }

    private static boolean isControl(WebSocketFrame frame) {
        return frame instanceof CloseWebSocketFrame || frame instanceof PingWebSocketFrame
                || frame instanceof PongWebSocketFrame;
    }
}
