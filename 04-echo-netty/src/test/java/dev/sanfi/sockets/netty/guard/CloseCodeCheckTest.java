package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.netty.WireBytes;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseCodeCheckTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new CloseCodeCheck());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static CloseWebSocketFrame closeFrame(byte... body) {
        return new CloseWebSocketFrame(true, 0, Unpooled.wrappedBuffer(body));
    }

    private int violationCode(byte... body) {
        CloseWebSocketFrame frame = closeFrame(body);
        try {
            channel.writeInbound(frame);
        } catch (CorruptedWebSocketFrameException e) {
            assertThat(frame.refCnt()).as("the refused frame is released").isZero();
            return e.closeStatus().code();
        }
        throw new AssertionError("no violation");
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    @DisplayName("RFC 6455 §7.4: codes that may be sent pass")
    void validCodesPass(int code) {
        channel.writeInbound(closeFrame(WireBytes.closeBody(code)));

        CloseWebSocketFrame passed = channel.readInbound();
        assertThat(passed.statusCode()).isEqualTo(code);
        passed.release();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    @DisplayName("RFC 6455 §7.4: codes that may not be sent are 1002")
    void invalidCodesAre1002(int code) {
        assertThat(violationCode(WireBytes.closeBody(code))).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: an empty body passes")
    void emptyBodyPasses() {
        channel.writeInbound(closeFrame());

        CloseWebSocketFrame passed = channel.readInbound();
        assertThat(passed.content().readableBytes()).isZero();
        passed.release();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a 1-byte body is 1002")
    void oneByteBodyIs1002() {
        assertThat(violationCode((byte) 0x03)).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a reason that is not UTF-8 is 1007")
    void reasonNotUtf8Is1007() {
        assertThat(violationCode(WireBytes.closeBody(1000, (byte) 0xc0, (byte) 0xaf))).isEqualTo(1007);
    }

    @Test
    @DisplayName("a UTF-8 reason passes")
    void utf8ReasonPasses() {
        assertThat(CloseCodeCheck.check(Unpooled.wrappedBuffer(
                WireBytes.closeBody(1000, "κόσμε".getBytes(java.nio.charset.StandardCharsets.UTF_8))))).isNull();
    }

    @Test
    @DisplayName("other frames pass untouched")
    void otherFramesPass() {
        channel.writeInbound("not a frame");
        assertThat(channel.<Object>readInbound()).isEqualTo("not a frame");
    }
}
