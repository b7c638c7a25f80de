package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.OriginPolicy;
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
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Answers every HTTP request that is not a valid WebSocket upgrade to {@code /echo}, and passes
 * the valid ones on to Netty's handshake handler (which then only has to compute the accept key).
 *
 * <ul>
 *   <li>{@code GET /}: the browser page; other methods on it: 405.</li>
 *   <li>{@code /echo}: 400 for a wrong method, HTTP/1.0, a missing {@code Connection: Upgrade} or a
 *       bad key (RFC 6455 §4.2.1); 426 without {@code Upgrade: websocket}, and 426 with
 *       {@code Sec-WebSocket-Version: 13} for another version (§4.4); 403 for a foreign
 *       {@code Origin} (§10.2).</li>
 *   <li>Anything else: 404. A request head over the limit: 431 (headers) or 400.</li>
 * </ul>
 *
 * Netty's handshaker checks less: it upgrades HTTP/1.0 requests, accepts any key, speaks the old
 * drafts 7 and 8 too, and falls back to the 2010 draft-00 handshake when the version header is missing.
 */
final class HttpRequestRouter extends ChannelInboundHandlerAdapter {

    /** RFC 6455 §4.1: the key is 16 random bytes, base64-encoded. */
    private static final int KEY_BYTES = 16;

    private final OriginPolicy originPolicy;

    HttpRequestRouter(OriginPolicy originPolicy) {
        this.originPolicy = originPolicy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (request.decoderResult().isFailure()) {
                refuseUndecodable(ctx, request.decoderResult().cause());
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            if (path.equals(EchoProtocol.PAGE_PATH)) {
                servePage(ctx, request);
            } else if (path.equals(EchoProtocol.ECHO_PATH)) {
                String refusal = checkUpgrade(ctx, request);
                if (refusal == null) {
                    // The upgrade request goes on to Netty's handshake handler; from here on only
                    // frames flow through this pipeline, so this router leaves it.
                    ctx.pipeline().remove(this);
                    ctx.fireChannelRead(request.retain());
                }
            } else {
                send(ctx, text(HttpResponseStatus.NOT_FOUND, "no such page: " + path));
            }
        } finally {
            request.release();
        }
    }

    private void servePage(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET)) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served here");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET);
            send(ctx, response);
            return;
        }
        FullHttpResponse page = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(EchoPage.html()));
        page.headers().set(HttpHeaderNames.CONTENT_TYPE, EchoPage.CONTENT_TYPE);
        page.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setContentLength(page, page.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(page, keepAlive);
        ctx.writeAndFlush(page).addListener(keepAlive
                ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    /** Sends the refusal and returns its reason, or returns null for a valid upgrade request. */
    private String checkUpgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpHeaders headers = request.headers();
        String reason = null;
        HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
        if (!request.method().equals(HttpMethod.GET)) {
            reason = "a WebSocket upgrade must be a GET request, not " + request.method();
        } else if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            reason = "a WebSocket upgrade needs HTTP/1.1, not " + request.protocolVersion();
        } else if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            status = HttpResponseStatus.UPGRADE_REQUIRED;
            reason = "this is a WebSocket endpoint: send 'Upgrade: websocket'";
        } else if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            reason = "'upgrade' token not found in the 'Connection' header";
        } else if (!EchoProtocol.WEBSOCKET_VERSION.equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            status = HttpResponseStatus.UPGRADE_REQUIRED;
            reason = "unsupported Sec-WebSocket-Version (only " + EchoProtocol.WEBSOCKET_VERSION + " is spoken)";
        } else if (!isValidKey(headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY))) {
            reason = "'Sec-WebSocket-Key' must be 16 bytes in base64";
        } else if (!originPolicy.allows(headers.get(HttpHeaderNames.ORIGIN), headers.get(HttpHeaderNames.HOST))) {
            status = HttpResponseStatus.FORBIDDEN;
            reason = "origin not allowed: " + headers.get(HttpHeaderNames.ORIGIN);
        }
        if (reason != null) {
            FullHttpResponse response = text(status, reason);
            if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
                // RFC 7231 §6.5.15 and RFC 6455 §4.4: say what to upgrade to, and which version.
                response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
                response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, EchoProtocol.WEBSOCKET_VERSION);
            }
            send(ctx, response);
        }
        return reason;
    }

    static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The codec could not parse the request; a head over the limit is the usual cause. */
    private static void refuseUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        FullHttpResponse response = cause instanceof TooLongHttpHeaderException
                ? text(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request header fields too large")
                : text(HttpResponseStatus.BAD_REQUEST, cause instanceof TooLongFrameException
                        ? "request line too long" : "malformed HTTP request");
        send(ctx, response);
    }

    /** Refusals end the connection: a client that got one is not speaking this protocol. */
    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** A response with a one-line plain-text reason. */
    private static FullHttpResponse text(HttpResponseStatus status, String reason) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }
}
