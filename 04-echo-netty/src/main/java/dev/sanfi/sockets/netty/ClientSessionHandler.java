package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.ClientEvents;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The client side of one session: sends the upgrade request when connected, checks the answer with
 * Netty's handshaker (status 101, the accept key), then hands messages to {@link ClientEvents},
 * answers Pings (RFC 6455 §5.5.2) and takes part in the closing handshake (§5.5.1).
 * {@link ClientEvents#onClose} is called once, when the connection is gone.
 */
final class ClientSessionHandler extends ChannelDuplexHandler {

    private final WebSocketClientHandshaker handshaker;
    private final ClientEvents events;
    private ChannelPromise handshakeFuture;
    private boolean closeSent;
    private int closeCode = CloseCodes.ABNORMAL_CLOSURE;
    private String closeReason = "";
    private volatile String extensions = "";

    ClientSessionHandler(WebSocketClientHandshaker handshaker, ClientEvents events) {
        this.handshaker = handshaker;
        this.events = events;
    }

    /** Done when the server accepted the upgrade, failed when it refused or the connection ended. */
    ChannelPromise handshakeFuture() {
        return handshakeFuture;
    }

    /** The extensions the server agreed to in its 101 ({@code Sec-WebSocket-Extensions}), or "". */
    String extensions() {
        return extensions;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        handshakeFuture = ctx.newPromise();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpResponse response) {
                finishHandshake(ctx, response);
            } else if (msg instanceof TextWebSocketFrame text) {
                events.onText(text.text());
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                events.onBinary(ByteBufUtil.getBytes(binary.content()));
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                onCloseFrame(ctx, close);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void finishHandshake(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (handshaker.isHandshakeComplete()) {
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
            extensions = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, "");
            handshakeFuture.trySuccess();
        } catch (WebSocketHandshakeException e) {
            String body = response.content().toString(StandardCharsets.UTF_8).strip();
            handshakeFuture.tryFailure(new IOException("the server refused the upgrade: " + response.status()
                    + (body.isEmpty() ? "" : " (" + body.lines().findFirst().orElse("") + ")")));
            ctx.close();
        }
    }

    private void onCloseFrame(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        boolean hasCode = close.content().readableBytes() >= 2;
        closeCode = hasCode ? close.statusCode() : CloseCodes.NO_STATUS_RECEIVED;
        closeReason = hasCode ? close.reasonText() : "";
        if (closeSent) {
            ctx.close(); // the server answered our Close: done
        } else {
            // The server closes first: answer with the same body (same code), then let the connection end.
            ctx.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retainedDuplicate()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            closeSent = true;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeFuture.tryFailure(new IOException("the connection closed during the opening handshake"))) {
            return;
        }
        events.onClose(closeCode, closeReason);
        ctx.fireChannelInactive();
    }

    /** A failed TLS handshake ends the opening handshake with its own exception, which says which check failed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            handshakeFuture.tryFailure(tls.cause());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshakeFuture.tryFailure(cause)) {
            events.onError(cause);
        }
        ctx.close();
    }
}
