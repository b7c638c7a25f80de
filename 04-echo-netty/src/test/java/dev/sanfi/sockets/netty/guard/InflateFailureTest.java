package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import java.io.IOException;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InflateFailureTest {

    private Throwable caught;

    private final EmbeddedChannel channel = new EmbeddedChannel(new InflateFailure(),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    caught = cause;
                }
            });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private int codeOf(Throwable reported) {
        channel.pipeline().fireExceptionCaught(reported);
        assertThat(caught).isInstanceOf(CorruptedWebSocketFrameException.class);
        return ((CorruptedWebSocketFrameException) caught).closeStatus().code();
    }

    @Test
    @DisplayName("the inflater's full buffer (a bomb) is 1009")
    void fullBufferIs1009() {
        assertThat(codeOf(new DecompressionException("Decompression buffer has reached maximum size: 1049600")))
                .isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.2: data zlib refuses is 1007")
    void badDataIs1007() {
        assertThat(codeOf(new DecompressionException("decompression failure",
                new DataFormatException("invalid stored block lengths")))).isEqualTo(1007);
    }

    @Test
    @DisplayName("a compressed frame the inflater cannot use is 1002")
    void undecodableIs1002() {
        assertThat(codeOf(new DecoderException(new CodecException("cannot read uncompressed buffer")))).isEqualTo(1002);
    }

    @Test
    @DisplayName("anything else passes on as it is")
    void othersPass() {
        IOException reset = new IOException("Connection reset by peer");
        channel.pipeline().fireExceptionCaught(reset);

        assertThat(caught).isSameAs(reset);
    }
}
