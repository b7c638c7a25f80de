package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoPage;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PageHandlerTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new PageHandler());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private FullHttpResponse answer(HttpMethod method) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("a response").isNotNull();
        return response;
    }

    @Test
    @DisplayName("the page: 200, text/html; charset=utf-8, the page's bytes, and HTTP/1.1 keeps the connection")
    void servesThePage() {
        FullHttpResponse response = answer(HttpMethod.GET);

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).isEqualTo(EchoPage.CONTENT_TYPE);
        assertThat(ByteBufUtil.getBytes(response.content())).isEqualTo(EchoPage.html());
        response.release();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    @DisplayName("RFC 9110 §9.3.2: HEAD gets the same head, with the page's Content-Length, and no body")
    void headHasNoBody() {
        FullHttpResponse response = answer(HttpMethod.HEAD);

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().getInt("Content-Length")).isEqualTo(EchoPage.html().length);
        assertThat(response.content().readableBytes()).isZero();
        response.release();
    }

    @Test
    @DisplayName("after the upgrade the page handler leaves the pipeline")
    void leavesOnUpgrade() {
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/echo", new DefaultHttpHeaders(), null));

        assertThat(channel.pipeline().get(PageHandler.class)).isNull();
    }
}
