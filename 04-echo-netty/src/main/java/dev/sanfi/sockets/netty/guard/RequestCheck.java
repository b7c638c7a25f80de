package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.common.RequestRules.Refusal;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Applies common's {@link RequestRules} to every HTTP request before Netty's handshake handler sees
 * it: a valid upgrade to {@code /echo} and a request for the page go on, everything else is refused
 * here — status, one-line body, {@code Content-Length}, {@code Connection: close}, then the socket
 * is closed.
 *
 * <p>Why before Netty: its handshaker checks less than RFC 6455 §4.2.1 asks. It upgrades HTTP/1.0
 * requests, accepts any {@code Sec-WebSocket-Key}, still speaks drafts 7 and 8, and answers an
 * upgrade without {@code Sec-WebSocket-Version} with the 2010 draft-00 handshake instead of 426
 * (§4.4); it has no origin check (§10.2) and no page routing. A request head the codec could not
 * parse (over {@code Limits.MAX_HANDSHAKE_BYTES}) is refused with 431 or 400.
 *
 * <p>Once the upgrade has gone on, only frames flow, and this handler leaves the pipeline.
 */
public final class RequestCheck extends ChannelInboundHandlerAdapter {

    private final OriginPolicy origins;

    public RequestCheck(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (request.decoderResult().isFailure()) {
            request.release();
            refuse(ctx, undecodable(request.decoderResult().cause()));
            return;
        }
        RequestRules.Answer answer = RequestRules.decide(head(request), origins);
        if (answer instanceof Refusal refusal) {
            request.release();
            refuse(ctx, refusal);
            return;
        }
        if (answer instanceof RequestRules.Upgrade) {
            ctx.pipeline().remove(this); // from here on only frames flow
        }
        ctx.fireChannelRead(request); // the upgrade to Netty's handshaker, the page to the page handler
    }

    static RequestRules.Head head(FullHttpRequest request) {
        String path = RequestRules.pathOf(request.uri());
        return RequestRules.head(request.method().name(), path == null ? request.uri() : path,
                request.protocolVersion().text(), name -> request.headers().getAll(name));
    }

    /** The codec could not parse the request; a head over the limit is the usual cause. */
    private static Refusal undecodable(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal(431, "request header fields too large", Map.of());
        }
        return new Refusal(400, cause instanceof TooLongFrameException
                ? "request line too long" : "malformed HTTP request", Map.of());
    }

    /** A refusal ends the connection: a client that got one is not speaking this protocol. */
    static void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(refusal.status(), refusal.phrase()),
                Unpooled.copiedBuffer(refusal.body(), StandardCharsets.UTF_8));
        refusal.headers().forEach(response.headers()::set);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, RequestRules.REFUSAL_CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
