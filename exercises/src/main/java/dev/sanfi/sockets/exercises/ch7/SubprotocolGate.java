package dev.sanfi.sockets.exercises.ch7;

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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Chapter 7, exercise 2: a service that speaks only its own subprotocols refuses an upgrade that
 * offers none of them, with a plain HTTP 400 before Netty's handshaker sees it (RFC 6455 §4.2.2: a
 * server that does not accept answers with an HTTP error, not 101). What it lets through goes on
 * with the offer on one header line: Netty's handshaker reads only the first line of
 * {@code Sec-WebSocket-Protocol}, but several lines are one list (§11.3.4).
 */
public final class SubprotocolGate extends ChannelInboundHandlerAdapter {

    private final List<String> spoken;

    public SubprotocolGate(List<String> spoken) {
        this.spoken = List.copyOf(spoken);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request) || !request.headers().contains(HttpHeaderNames.UPGRADE)) {
            ctx.fireChannelRead(message);
            return;
        }
        List<String> offered = request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).stream()
                .flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        if (offered.stream().noneMatch(spoken::contains)) { // a case-sensitive match (RFC 7936 §2)
            request.release();
            refuse(ctx, "no subprotocol this server speaks among " + offered + "; it speaks " + spoken);
            return;
        }
        request.headers().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(", ", offered));
        ctx.fireChannelRead(request);
    }

    private static void refuse(ChannelHandlerContext ctx, String reason) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // ctx's close, not the channel's: from here it goes to the socket without passing the protocol
        // handler, which would add a Close frame (its sendCloseFrame default) to a connection that
        // never was a WebSocket.
        ctx.writeAndFlush(response).addListener(written -> ctx.close());
    }
}
