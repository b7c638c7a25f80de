package dev.sanfi.sockets.netty;

import static dev.sanfi.sockets.netty.WireBytes.BINARY;
import static dev.sanfi.sockets.netty.WireBytes.CLOSE;
import static dev.sanfi.sockets.netty.WireBytes.CONTINUATION;
import static dev.sanfi.sockets.netty.WireBytes.FIN;
import static dev.sanfi.sockets.netty.WireBytes.PING;
import static dev.sanfi.sockets.netty.WireBytes.PONG;
import static dev.sanfi.sockets.netty.WireBytes.RSV1;
import static dev.sanfi.sockets.netty.WireBytes.TEXT;
import static dev.sanfi.sockets.netty.WireBytes.bytes;
import static dev.sanfi.sockets.netty.WireBytes.closeBody;
import static dev.sanfi.sockets.netty.WireBytes.masked;
import static dev.sanfi.sockets.netty.WireBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.netty.guard.OpenSessions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole server pipeline of {@link EchoChannelInitializer} in an {@link EmbeddedChannel}: literal
 * bytes in, literal bytes out, no socket and no thread.
 */
class EchoPipelineTest {

    private static final ServerSettings SETTINGS = ServerSettings.defaults(0).withMaxMessageBytes(200);

    private EmbeddedChannel channel;

    @BeforeEach
    void upgrade() {
        channel = new EmbeddedChannel(new EchoChannelInitializer(SETTINGS,
                new OpenSessions(ImmediateEventExecutor.INSTANCE)));
        channel.writeInbound(WireBytes.upgradeRequest());
        String response = WireBytes.outboundText(channel);
        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .containsIgnoringCase("sec-websocket-accept: " + WireBytes.SAMPLE_ACCEPT + "\r\n");
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("after the upgrade only the frame handlers are left")
    void pipelineAfterTheUpgrade() {
        assertThat(channel.pipeline().names())
                .contains("wsencoder", "wsdecoder", "idle", "lingering-close", "websocket", "sessions", "close-check",
                        "log", "closing", "keepalive", "messages", "echo", "backpressure", "failure")
                .doesNotContain("http", "http-aggregator", "request-check", "handshake-deadline", "page");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: after the server's Close, a message of the peer is not echoed")
    void nothingAfterOurClose() {
        channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1001, "bye"));
        assertThat(outbound(channel)).startsWith(0x88);

        channel.writeInbound(masked(FIN | TEXT, "Hello"));

        assertThat(outbound(channel)).isEmpty();
    }

    @Test
    @DisplayName("RFC 6455 §5.7: the masked \"Hello\" comes back unmasked, byte for byte")
    void echoesTheRfcSample() {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(
                0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58)));

        assertThat(outbound(channel)).containsExactly(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a fragmented \"Hel\" + \"lo\" is echoed as one message")
    void reassemblesFragments() {
        channel.writeInbound(masked(TEXT, "Hel"));
        assertThat(outbound(channel)).isEmpty();

        channel.writeInbound(masked(FIN | CONTINUATION, "lo"));

        assertThat(outbound(channel)).containsExactly(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    }

    @Test
    @DisplayName("a binary message comes back binary")
    void echoesBinary() {
        channel.writeInbound(masked(FIN | BINARY, bytes(0, 1, 2, 0xff)));

        assertThat(outbound(channel)).containsExactly(bytes(0x82, 0x04, 0, 1, 2, 0xff));
    }

    @Test
    @DisplayName("RFC 6455 §5.7: Ping \"Hello\" is answered with Pong \"Hello\"")
    void answersPing() {
        channel.writeInbound(masked(FIN | PING, "Hello"));

        assertThat(outbound(channel)).containsExactly(bytes(0x8a, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    }

    @Test
    @DisplayName("an unsolicited Pong is ignored")
    void ignoresPong() {
        channel.writeInbound(masked(FIN | PONG, "hi"));

        assertThat(outbound(channel)).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    @DisplayName("a Close 1000 is echoed, then the connection is closed")
    void echoesClose() {
        channel.writeInbound(masked(FIN | CLOSE, closeBody(1000, (byte) 'b', (byte) 'y', (byte) 'e')));

        assertThat(outbound(channel)).containsExactly(bytes(0x88, 0x05, 0x03, 0xe8, 'b', 'y', 'e'));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("an empty Close is echoed empty")
    void echoesEmptyClose() {
        channel.writeInbound(masked(FIN | CLOSE, new byte[0]));

        assertThat(outbound(channel)).containsExactly(bytes(0x88, 0x00));
        assertThat(channel.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    @DisplayName("RFC 6455 §7.4: a Close with a code that may not be sent fails with 1002")
    void invalidCloseCodeFailsWith1002(int code) {
        channel.writeInbound(masked(FIN | CLOSE, closeBody(code)));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close with a 1-byte body fails with 1002")
    void oneByteCloseFailsWith1002() {
        channel.writeInbound(masked(FIN | CLOSE, bytes(0x03)));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close reason that is not UTF-8 fails with 1007")
    void closeReasonNotUtf8FailsWith1007() {
        channel.writeInbound(masked(FIN | CLOSE, closeBody(1000, (byte) 0xce, (byte) 0xba, (byte) 0xff)));

        assertThat(closeCodeSent()).isEqualTo(1007);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: an RSV bit without an extension fails with 1002")
    void rsvBitFailsWith1002() {
        channel.writeInbound(masked(FIN | RSV1 | TEXT, "Hello"));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.1: an unmasked client frame fails with 1002")
    void unmaskedFrameFailsWith1002() {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f)));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: invalid UTF-8 in the first fragment fails with 1007 before the message ends")
    void invalidUtf8FailsFast() {
        channel.writeInbound(masked(TEXT, bytes(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5,
                0xf4, 0x90, 0x80, 0x80)));

        assertThat(closeCodeSent()).isEqualTo(1007);
    }

    @Test
    @DisplayName("a message reassembled over the limit fails with 1009")
    void oversizedMessageFailsWith1009() {
        channel.writeInbound(masked(BINARY, new byte[120]));
        channel.writeInbound(masked(FIN | CONTINUATION, new byte[120]));

        assertThat(closeCodeSent()).isEqualTo(1009);
    }

    @Test
    @DisplayName("a single frame over the limit fails with 1009")
    void oversizedFrameFailsWith1009() {
        channel.writeInbound(masked(FIN | BINARY, new byte[201]));

        assertThat(closeCodeSent()).isEqualTo(1009);
    }

    @Test
    @DisplayName("a message of exactly the limit is echoed")
    void messageAtTheLimitIsEchoed() {
        channel.writeInbound(masked(FIN | BINARY, new byte[200]));

        byte[] echoed = outbound(channel);
        assertThat(echoed).hasSize(4 + 200);
        assertThat(echoed[0] & 0xff).isEqualTo(0x82);
    }

    @Test
    @DisplayName("after a failure the Close is the last thing sent; without half-close the channel closes")
    void failureEndsTheConnection() {
        channel.writeInbound(masked(FIN | CLOSE, closeBody(999)));

        assertThat(closeCodeSent()).isEqualTo(1002);
        // An EmbeddedChannel cannot shut down only its output, so LingeringClose lets it close outright.
        assertThat(channel.isOpen()).isFalse();
    }

    /** The code of the one Close frame the server wrote (the only frame it wrote). */
    private int closeCodeSent() {
        ByteBuf out = Unpooled.wrappedBuffer(outbound(channel));
        assertThat(out.readableBytes()).as("a Close frame").isGreaterThanOrEqualTo(4);
        assertThat(out.readUnsignedByte()).as("FIN + opcode Close").isEqualTo((short) 0x88);
        int length = out.readUnsignedByte();
        assertThat(length).as("unmasked, at most 125 bytes").isLessThanOrEqualTo(125).isEqualTo(out.readableBytes());
        int code = out.readUnsignedShort();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("reason").isNotNull();
        return code;
    }
}
