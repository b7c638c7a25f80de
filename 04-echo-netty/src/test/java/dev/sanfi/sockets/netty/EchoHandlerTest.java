package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EchoHandlerTest {

    /** Counts flushes. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private final FlushCounter peer = new FlushCounter();
    private final EmbeddedChannel channel = new EmbeddedChannel(peer, new EchoHandler());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("each message goes back as the same frame object")
    void echoesTheFrameItself() {
        TextWebSocketFrame text = new TextWebSocketFrame("hi");
        BinaryWebSocketFrame binary = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2}));

        channel.writeInbound(text, binary);

        assertThat(channel.<Object>readOutbound()).isSameAs(text);
        assertThat(channel.<Object>readOutbound()).isSameAs(binary);
        text.release();
        binary.release();
    }

    @Test
    @DisplayName("write vs flush: three messages of one read, one flush")
    void flushesOncePerRead() {
        channel.pipeline().fireChannelRead(new TextWebSocketFrame("1"));
        channel.pipeline().fireChannelRead(new TextWebSocketFrame("2"));
        channel.pipeline().fireChannelRead(new TextWebSocketFrame("3"));
        assertThat(peer.flushes).as("written, not flushed").isZero();
        assertThat(channel.<Object>readOutbound()).isNull();

        channel.pipeline().fireChannelReadComplete();

        assertThat(peer.flushes).isEqualTo(1);
        for (String expected : new String[] {"1", "2", "3"}) {
            TextWebSocketFrame echoed = channel.readOutbound();
            assertThat(echoed.text()).isEqualTo(expected);
            echoed.release();
        }
    }

    @Test
    @DisplayName("a continuation frame goes back as a continuation: the same frame type, whatever it is")
    void echoesAnyFrameAsItCame() {
        ContinuationWebSocketFrame fragment = new ContinuationWebSocketFrame(true, 0, "lo");

        channel.writeInbound(fragment);

        assertThat(channel.<Object>readOutbound()).isSameAs(fragment);
        assertThat(fragment.refCnt()).as("not released: it is on its way out").isEqualTo(1);
        fragment.release();
    }
}
