package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.netty.HandlerFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.compression.DecompressionException;
import java.io.IOException;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InflateFailureTest {

    private final HandlerFixture fixture = new HandlerFixture(new InflateFailure());
    private final EmbeddedChannel channel = fixture.channel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private int codeOf(Throwable reported) {
        channel.pipeline().fireExceptionCaught(reported);
        return fixture.closeCode();
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

        assertThat(fixture.caught()).isSameAs(reset);
    }
}
