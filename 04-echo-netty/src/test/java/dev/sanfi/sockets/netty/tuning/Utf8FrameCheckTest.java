package dev.sanfi.sockets.netty.tuning;

import dev.sanfi.sockets.netty.HandlerFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The verdicts RFC 6455 §8.1 asks for, frame by frame, in an {@link EmbeddedChannel}. */
class Utf8FrameCheckTest {

    private static final byte[] E_ACUTE = "é".getBytes(StandardCharsets.UTF_8); // c3 a9

    private final HandlerFixture fixture = new HandlerFixture(new Utf8FrameCheck());
    private final EmbeddedChannel channel = fixture.channel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf direct(byte... bytes) {
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    private static byte[] ascii(int length) {
        return "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
    }

    private void assertFailsWith1007(WebSocketFrame frame) {
        channel.writeInbound(frame);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(frame.refCnt()).as("released").isZero();
        assertThat(fixture.closeCode()).isEqualTo(1007);
    }

    @Test
    @DisplayName("text in direct buffers passes, a character split between two fragments too")
    void validTextPasses() {
        fixture.assertPasses(new TextWebSocketFrame(true, 0, direct("{\"seq\":1,\"text\":\"κόσμε\"}".getBytes(StandardCharsets.UTF_8))));
        fixture.assertPasses(new TextWebSocketFrame(false, 0, direct(ascii(13)).writeByte(E_ACUTE[0])));
        fixture.assertPasses(new PingWebSocketFrame(direct(new byte[] {(byte) 0xFF}))); // control frames between fragments
        fixture.assertPasses(new ContinuationWebSocketFrame(true, 0, direct(E_ACUTE[1])));
    }

    @Test
    @DisplayName("a bad byte fails the message in its own fragment, before the message is complete")
    void failsFast() {
        fixture.assertPasses(new TextWebSocketFrame(false, 0, direct(ascii(40))));
        assertFailsWith1007(new ContinuationWebSocketFrame(false, 0, direct(ascii(21)).writeByte(0xC0).writeByte(0xAF)));
    }

    @Test
    @DisplayName("a text that ends inside a character fails on its last fragment")
    void cutCharacterFails() {
        fixture.assertPasses(new TextWebSocketFrame(false, 0, direct(ascii(3))));
        assertFailsWith1007(new ContinuationWebSocketFrame(true, 0, direct(E_ACUTE[0])));
    }

    @Test
    @DisplayName("binary messages and their continuations are not text: any bytes pass")
    void binaryIsNotChecked() {
        fixture.assertPasses(new BinaryWebSocketFrame(false, 0, direct(new byte[] {(byte) 0xFF, (byte) 0xC0})));
        fixture.assertPasses(new ContinuationWebSocketFrame(true, 0, direct(new byte[] {(byte) 0x80})));
        fixture.assertPasses(new TextWebSocketFrame(true, 0, direct(ascii(9))));
    }

    @Test
    @DisplayName("a buffer of several parts, as an inflater may produce, is checked across its parts")
    void compositeBuffer() {
        CompositeByteBuf parts = Unpooled.compositeBuffer();
        parts.addComponent(true, direct(ascii(7)).writeByte(E_ACUTE[0]));
        parts.addComponent(true, Unpooled.wrappedBuffer(new byte[] {E_ACUTE[1], 'a'}));
        fixture.assertPasses(new TextWebSocketFrame(true, 0, parts));

        CompositeByteBuf bad = Unpooled.compositeBuffer();
        bad.addComponent(true, direct(ascii(7)).writeByte(E_ACUTE[0]));
        bad.addComponent(true, Unpooled.wrappedBuffer(new byte[] {'a'}));
        assertFailsWith1007(new TextWebSocketFrame(true, 0, bad));
    }

    @Test
    @DisplayName("once a text failed, the connection's data frames are dropped, released")
    void afterAFailureDataIsDropped() {
        assertFailsWith1007(new TextWebSocketFrame(true, 0, direct((byte) 0xFF)));
        fixture.forget();
        TextWebSocketFrame next = new TextWebSocketFrame(true, 0, direct(ascii(4)));
        channel.writeInbound(next);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(next.refCnt()).isZero();
        assertThat(fixture.caught()).isNull();
    }
}
