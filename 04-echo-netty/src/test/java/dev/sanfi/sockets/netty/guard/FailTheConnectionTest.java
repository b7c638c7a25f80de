package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailTheConnectionTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new FailTheConnection());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: a violation is answered with a Close carrying its code")
    void violationBecomesClose() {
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.MESSAGE_TOO_BIG, "message over 10 bytes"));

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        assertThat(close.reasonText()).isEqualTo("message over 10 bytes");
        close.release();
    }

    @Test
    @DisplayName("an I/O error just closes the connection")
    void ioErrorCloses() {
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("plain bytes on a TLS port, or a failed TLS handshake, just close the connection: no frame, no TLS to send it in")
    void tlsFailureCloses() {
        channel.pipeline().fireExceptionCaught(new DecoderException(new NotSslRecordException("not an SSL/TLS record")));

        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();

        EmbeddedChannel other = new EmbeddedChannel(new FailTheConnection());
        other.pipeline().fireExceptionCaught(new DecoderException(new SSLHandshakeException("no cipher suites in common")));
        assertThat(other.<Object>readOutbound()).isNull();
        assertThat(other.isOpen()).isFalse();
        other.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 6455 §5.5: a long reason is cut to the 123 bytes a Close frame can carry")
    void reasonFitsAControlFrame() {
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.PROTOCOL_ERROR, "é".repeat(100)));

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1002);
        assertThat(close.reasonText().getBytes(StandardCharsets.UTF_8)).hasSize(122);
        close.release();
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: after the Close the connection is closed (a half-close on a real socket)")
    void violationThenClose() {
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bad UTF-8"));

        ((CloseWebSocketFrame) channel.readOutbound()).release();
        assertThat(channel.isOpen()).isFalse();
    }
}
