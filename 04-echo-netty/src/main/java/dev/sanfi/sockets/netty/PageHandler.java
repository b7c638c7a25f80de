package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoPage;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/**
 * Serves the browser page ({@link EchoPage}) to every HTTP request that reaches it: the requests
 * Netty's handshake handler passed on because they are no upgrade. Which requests those may be is
 * decided in front of it, by {@code guard.RequestCheck}; this handler does not route.
 *
 * <p>A {@code HEAD} gets the same head without the body (RFC 9110 §9.3.2). HTTP/1.1 keeps the
 * connection open for the next request, as a browser expects.
 */
final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        byte[] html = EchoPage.html();
        boolean withBody = !request.method().equals(HttpMethod.HEAD);
        FullHttpResponse page = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                withBody ? Unpooled.wrappedBuffer(html) : Unpooled.EMPTY_BUFFER);
        page.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, EchoPage.CONTENT_TYPE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, html.length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(page, keepAlive);
        ctx.writeAndFlush(page).addListener(keepAlive
                ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            ctx.pipeline().remove(this); // a WebSocket now: no page requests will come
        }
        ctx.fireUserEventTriggered(event);
    }
}
