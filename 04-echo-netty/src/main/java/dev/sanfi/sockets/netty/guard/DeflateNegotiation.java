package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/**
 * What Netty's extension handler gets to see of a client's {@code Sec-WebSocket-Extensions}: only
 * the one {@code permessage-deflate} offer that chapter 4b's negotiation ({@code 01-echo-raw}'s
 * {@code raw.deflate.DeflateNegotiation}, RFC 7692 §5, §7) accepts, in the words of its answer, so
 * that Netty's extension, which then does the compressing, answers that one and no other.
 *
 * <p>Left alone, Netty's handshaker keeps an offer's parameters in a map, so a repeated one counts
 * once where §7 has the server decline the offer; it takes {@code server_no_context_takeover=1} as
 * the bare flag; and it reads a window size with {@code Integer.parseInt}, so
 * {@code client_max_window_bits=abc} fails the whole upgrade with an exception.
 */
public final class DeflateNegotiation extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean upgrade = msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (msg instanceof HttpRequest request) {
            HttpHeaders headers = request.headers();
            List<String> offers = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
            if (!offers.isEmpty()) {
                DeflateParameters accepted = dev.sanfi.sockets.raw.deflate.DeflateNegotiation.answer(offers).accepted();
                if (accepted == null) {
                    headers.remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
                } else {
                    headers.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, accepted.headerValue());
                }
            }
        }
        ctx.fireChannelRead(msg);
        if (upgrade && ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this); // from here on only frames flow
        }
    }
}
