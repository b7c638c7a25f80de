package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.netty.HandlerFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageSizeLimitTest {

    private final HandlerFixture fixture = new HandlerFixture(new MessageSizeLimit(10));
    private final EmbeddedChannel channel = fixture.channel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 6455 §5.4: fragments up to the limit become one message")
    void assemblesUpToTheLimit() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, "hello"));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, "world"));

        TextWebSocketFrame message = channel.readInbound();
        assertThat(message.text()).isEqualTo("helloworld");
        message.release();
        assertThat(fixture.caught()).isNull();
    }

    @Test
    @DisplayName("one byte over the limit is a violation with 1009")
    void overTheLimitIs1009() {
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[6])));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[5])));

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(fixture.closeCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("an unfragmented message over the limit (as the inflater makes one) is a violation with 1009")
    void oneFrameOverTheLimitIs1009() {
        BinaryWebSocketFrame inflated = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[11]));
        channel.writeInbound(inflated);

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(inflated.refCnt()).as("released").isZero();
        assertThat(fixture.closeCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("a first fragment over the limit is a violation at once, not at the next fragment")
    void firstFragmentOverTheLimitIs1009() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, "hello world"));

        assertThat(fixture.closeCode()).isEqualTo(1009);
    }

    @Test
    @DisplayName("an unfragmented message of exactly the limit passes")
    void oneFrameAtTheLimitPasses() {
        channel.writeInbound(new TextWebSocketFrame("helloworld"));

        TextWebSocketFrame message = channel.readInbound();
        assertThat(message.text()).isEqualTo("helloworld");
        message.release();
        assertThat(fixture.caught()).isNull();
    }
}
