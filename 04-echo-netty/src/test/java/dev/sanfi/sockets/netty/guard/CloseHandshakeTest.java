package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloseHandshakeTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new CloseHandshake());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the peer's Close goes back as it came, then TCP is closed")
    void answersThePeersClose() {
        CloseWebSocketFrame peers = new CloseWebSocketFrame(1000, "done");

        channel.writeInbound(peers);

        CloseWebSocketFrame answer = channel.readOutbound();
        assertThat(answer).isSameAs(peers);
        assertThat(answer.statusCode()).isEqualTo(1000);
        assertThat(answer.reasonText()).isEqualTo("done");
        answer.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: an empty Close is answered with an empty Close")
    void answersAnEmptyCloseEmpty() {
        channel.writeInbound(new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));

        CloseWebSocketFrame answer = channel.readOutbound();
        assertThat(answer.content().readableBytes()).isZero();
        answer.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: when we closed first, the peer's Close is not answered again; TCP is closed")
    void theAnswerToOurCloseIsNotAnswered() {
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "bye"));
        ((CloseWebSocketFrame) channel.readOutbound()).release();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(new CloseWebSocketFrame(1001, ""));

        assertThat(channel.<Object>readOutbound()).as("no second Close").isNull();
        assertThat(channel.isOpen()).isFalse();
    }
}
