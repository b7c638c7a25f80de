package dev.sanfi.sockets.exercises.ch10;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 10, exercise 3: the connection limit per client address, as a Netty handler in front of
 * the protocol handler (one per connection). A connection over the limit is counted at once, when
 * it opens, and its request is answered with a complete 503 once it has arrived — read first, so
 * that the close after the answer is not a reset that could destroy the answer.
 */
public final class PerAddressLimit extends ChannelInboundHandlerAdapter {

    private final ConnectionsPerAddress connections;
    private InetAddress address;
    private boolean admitted;

    public PerAddressLimit(ConnectionsPerAddress connections) {
        this.connections = connections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        admitted = connections.tryOpen(address);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            connections.closed(address);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (admitted || !(message instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(message);
            return;
        }
        request.release();
        byte[] body = ("too many connections from " + address.getHostAddress() + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // ctx, not the channel: the answer and the close go to the socket without passing the
        // protocol handler (exercise 2 of chapter 7).
        ctx.writeAndFlush(response).addListener(written -> ctx.close());
    }
}
