package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.netty.HandlerFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReservedBitsTest {

    private static final int RSV1 = 0b100;

    private final HandlerFixture fixture = new HandlerFixture(new ReservedBits());
    private final EmbeddedChannel channel = fixture.channel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** The 101 on its way out, with the extension the handshake agreed, or none. */
    private void switched(String extensions) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS);
        if (extensions != null) {
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, extensions);
        }
        channel.writeOutbound(response);
        channel.<Object>readOutbound();
    }

    private void assertFailsWith1002(WebSocketFrame frame) {
        channel.writeInbound(frame);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(frame.refCnt()).as("released").isZero();
        assertThat(fixture.closeCode()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 7692 §6: with permessage-deflate agreed, RSV1 on the first frame of a message passes")
    void compressedFirstFramePasses() {
        switched("permessage-deflate; server_no_context_takeover");

        fixture.assertPasses(new TextWebSocketFrame(false, RSV1, Unpooled.wrappedBuffer(new byte[] {1})));
        fixture.assertPasses(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {2})));
        fixture.assertPasses(new BinaryWebSocketFrame(true, RSV1, Unpooled.wrappedBuffer(new byte[] {3})));
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a continuation fails with 1002")
    void compressedContinuationFails() {
        switched("permessage-deflate");

        assertFailsWith1002(new ContinuationWebSocketFrame(true, RSV1, Unpooled.wrappedBuffer(new byte[] {2})));
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a control frame fails with 1002")
    void compressedControlFrameFails() {
        switched("permessage-deflate");

        assertFailsWith1002(new PingWebSocketFrame(true, RSV1, Unpooled.buffer()));
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV1 without the extension agreed fails with 1002")
    void compressedWithoutTheExtensionFails() {
        switched(null);

        assertFailsWith1002(new TextWebSocketFrame(true, RSV1, Unpooled.wrappedBuffer(new byte[] {1})));
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV2 and RSV3 always fail with 1002")
    void otherBitsFail() {
        switched("permessage-deflate");

        assertFailsWith1002(new TextWebSocketFrame(true, 0b010, Unpooled.buffer()));
        fixture.forget();
        assertFailsWith1002(new CloseWebSocketFrame(true, 0b001, Unpooled.buffer()));
    }

    @Test
    @DisplayName("frames without RSV bits pass, agreed or not")
    void plainFramesPass() {
        switched(null);

        fixture.assertPasses(new TextWebSocketFrame("plain"));
        fixture.assertPasses(new PingWebSocketFrame(Unpooled.buffer()));
    }
}
