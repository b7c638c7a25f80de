package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EchoHandlerTest {

    /** Counts flushes and can hold them back, like a peer that does not read. */
    private static final class SlowPeer extends ChannelOutboundHandlerAdapter {
        int flushes;
        boolean reading = true;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            if (reading) {
                ctx.flush();
            }
        }
    }

    private final SlowPeer peer = new SlowPeer();
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
    @DisplayName("backpressure: unwritable stops reading, writable again resumes it")
    void stopsReadingWhileThePeerIsSlow() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        peer.reading = false;

        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[32])));

        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();

        peer.reading = true;
        channel.flush();

        assertThat(channel.isWritable()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        ((BinaryWebSocketFrame) channel.readOutbound()).release();
    }

    @Test
    @DisplayName("a Pong that gets here is dropped")
    void dropsOtherFrames() {
        PongWebSocketFrame pong = new PongWebSocketFrame();

        channel.writeInbound(pong);

        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(pong.refCnt()).isZero();
    }
}
