package dev.sanfi.sockets.chat.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client's frames as bytes (the testkit's {@link Frame}, masked as a client sends them). */
class InboundFramesTest {

    private static final int LIMIT = 1000;

    private final InboundFrames frames = new InboundFrames(LIMIT);

    private static byte[] bytes(Frame... sent) {
        return Frame.concat(sent);
    }

    /** Feeds one byte at a time, the worst a TCP stream can do. */
    private int feedByteByByte(byte[] bytes) {
        int headers = 0;
        for (int i = 0; i < bytes.length; i++) {
            headers += frames.feed(ByteBuffer.wrap(bytes, i, 1));
        }
        return headers;
    }

    @Test
    @DisplayName("RFC 6455 §5.4: fragments adding up to the limit are fine; the fragment that passes it is refused with 1009 at its header")
    void fragmentsPastTheLimit() {
        byte[] upToTheLimit = bytes(Frame.text(new byte[600]).notFinal(), Frame.continuation(new byte[400]).notFinal());
        assertThat(feedByteByByte(upToTheLimit)).isEqualTo(2);
        assertThat(frames.refusal()).isEmpty();

        byte[] header = Frame.continuation(new byte[1]).notFinal().toBytes();
        frames.feed(ByteBuffer.wrap(header, 0, 6)); // the header only: the payload has not arrived
        assertThat(frames.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.code()).isEqualTo(1009);
            assertThat(refusal.frameOffset()).as("where the refused frame starts").isEqualTo(upToTheLimit.length);
        });
    }

    @Test
    @DisplayName("a control frame between fragments does not count towards the message, and a new message starts from zero")
    void controlFramesAndNewMessages() {
        feedByteByByte(bytes(Frame.binary(new byte[900]).notFinal(), Frame.ping(new byte[100]),
                Frame.continuation(new byte[100]), Frame.text(new byte[1000])));
        assertThat(frames.refusal()).isEmpty();
        assertThat(frames.frames()).isEqualTo(4);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: a header announcing a 2^63 - 1 byte frame is refused at once")
    void hugeAnnouncedLength() {
        byte[] header = {(byte) 0x82, (byte) 0xFF, 0x7F, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, 4};
        frames.feed(ByteBuffer.wrap(header));
        assertThat(frames.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.code()).isEqualTo(1009));
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close whose reason is not UTF-8 is refused with 1007 at the Close frame")
    void closeReasonNotUtf8() {
        byte[] before = bytes(Frame.text("hello"));
        byte[] close = Frame.close(1000, new byte[] {'b', 'y', 'e', (byte) 0xFF}).toBytes();
        feedByteByByte(before);
        feedByteByByte(close);
        assertThat(frames.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.code()).isEqualTo(1007);
            assertThat(refusal.frameOffset()).isEqualTo(before.length);
        });
        assertThat(frames.peerClosed()).isTrue();
    }

    @Test
    @DisplayName("a Close with a UTF-8 reason (or none) is the peer's Close, not a refusal")
    void validClose() {
        feedByteByByte(Frame.close(1000, "tschüss ✓".getBytes(StandardCharsets.UTF_8)).toBytes());
        assertThat(frames.refusal()).isEmpty();
        assertThat(frames.peerClosed()).isTrue();

        InboundFrames empty = new InboundFrames(LIMIT);
        empty.feed(ByteBuffer.wrap(Frame.close().toBytes()));
        assertThat(empty.peerClosed()).isTrue();
        assertThat(empty.refusal()).isEmpty();
    }

    @Test
    @DisplayName("the first refusal stays; frames are still followed after it, so the peer's Close is noticed")
    void afterARefusal() {
        feedByteByByte(bytes(Frame.text(new byte[LIMIT + 1]).notFinal()));
        long refusedAt = frames.refusal().orElseThrow().frameOffset();
        feedByteByByte(bytes(Frame.continuation(new byte[5000]), Frame.close(1000, new byte[] {(byte) 0xFF})));
        assertThat(frames.refusal().orElseThrow().code()).isEqualTo(1009);
        assertThat(frames.refusal().orElseThrow().frameOffset()).isEqualTo(refusedAt);
        assertThat(frames.peerClosed()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1, §7.4: a 1-byte Close, or one with a code that may not be sent, is refused with 1002 at the Close frame")
    void closePayloadBroken() {
        byte[] before = bytes(Frame.text("hello"));
        feedByteByByte(before);
        feedByteByByte(Frame.of(Frame.CLOSE, new byte[] {0x03}).toBytes());
        assertThat(frames.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.code()).isEqualTo(1002);
            assertThat(refusal.frameOffset()).isEqualTo(before.length);
        });
        assertThat(frames.peerClosed()).isTrue();

        InboundFrames noStatus = new InboundFrames(LIMIT);
        noStatus.feed(ByteBuffer.wrap(Frame.close(1005, "").toBytes()));
        assertThat(noStatus.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.code()).isEqualTo(1002));
    }

    @Test
    @DisplayName("RFC 6455 §5.2: a reserved opcode is refused with 1002 at its frame, and nothing after it is followed")
    void reservedOpcode() {
        byte[] before = bytes(Frame.text("hello"), Frame.ping(new byte[3]));
        byte[] after = bytes(Frame.of(0x3, new byte[4]), Frame.close());
        assertThat(feedByteByByte(before)).isEqualTo(2);
        assertThat(feedByteByByte(after)).as("no header after the reserved one is counted").isZero();
        assertThat(frames.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.code()).isEqualTo(1002);
            assertThat(refusal.frameOffset()).isEqualTo(before.length);
        });
        assertThat(frames.peerClosed()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.1, §5.2: an unmasked frame or RSV bits are the library's to refuse; the frames are still followed")
    void connectionRulesAreTheLibrarys() {
        feedByteByByte(bytes(Frame.text("hi").unmasked(), Frame.binary(new byte[2]).withRsv(Frame.RSV1),
                Frame.close(1000, "bye").unmasked()));
        assertThat(frames.refusal()).isEmpty();
        assertThat(frames.frames()).isEqualTo(3);
        assertThat(frames.peerClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misplacedRsvBits")
    @DisplayName("RFC 6455 §5.2, RFC 7692 §6: RSV2 or RSV3 anywhere, RSV1 on a control frame or a continuation, is refused with 1002 at that frame")
    void misplacedRsvBitsAreRefused(String what, byte[] before, Frame refused) {
        feedByteByByte(before);
        assertThat(frames.refusal()).isEmpty();

        feedByteByByte(refused.toBytes());

        assertThat(frames.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.code()).isEqualTo(1002);
            assertThat(refusal.frameOffset()).isEqualTo(before.length);
        });
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> misplacedRsvBits() {
        byte[] first = Frame.text(new byte[10]).notFinal().withRsv(Frame.RSV1).toBytes();
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("RSV1 on a continuation", first, Frame.continuation(new byte[5]).withRsv(Frame.RSV1)),
                org.junit.jupiter.params.provider.Arguments.of("RSV1 on a Ping", new byte[0], Frame.ping(new byte[1]).withRsv(Frame.RSV1)),
                org.junit.jupiter.params.provider.Arguments.of("RSV1 on a Close", new byte[0], Frame.close(1000, "").withRsv(Frame.RSV1)),
                org.junit.jupiter.params.provider.Arguments.of("RSV2 on a text frame", new byte[0], Frame.text("x").withRsv(Frame.RSV2)),
                org.junit.jupiter.params.provider.Arguments.of("RSV3 on a binary frame", new byte[0], Frame.binary(new byte[1]).withRsv(Frame.RSV3)));
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on the first frame of a message is left to the connection (compressed, if it agreed)")
    void rsv1OnAFirstFrameIsNotRefusedHere() {
        feedByteByByte(bytes(Frame.text(new byte[10]).notFinal().withRsv(Frame.RSV1), Frame.continuation(new byte[5]),
                Frame.binary(new byte[3]).withRsv(Frame.RSV1)));

        assertThat(frames.refusal()).isEmpty();
    }
}
