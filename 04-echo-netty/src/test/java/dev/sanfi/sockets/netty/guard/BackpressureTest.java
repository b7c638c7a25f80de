package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackpressureTest {

    /** Holds flushes back while the peer is "not reading". */
    private static final class SlowPeer extends ChannelOutboundHandlerAdapter {
        boolean reading = true;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (reading) {
                ctx.flush();
            }
        }
    }

    private final SlowPeer peer = new SlowPeer();
    private final EmbeddedChannel channel = new EmbeddedChannel(peer, new Backpressure());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("unwritable stops reading after the read; writable again resumes it")
    void stopsReadingWhileThePeerIsSlow() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        peer.reading = false;
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[32])));

        channel.pipeline().fireChannelReadComplete();

        assertThat(channel.isWritable()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();

        peer.reading = true;
        channel.flush();

        assertThat(channel.isWritable()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        ((BinaryWebSocketFrame) channel.readOutbound()).release();
    }

    @Test
    @DisplayName("a writable channel keeps reading")
    void writableKeepsReading() {
        channel.pipeline().fireChannelReadComplete();

        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
