package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire client's frames against the literal bytes of RFC 6455 §5.7. */
class FrameTest {

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEL = "Hel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LO = "lo".getBytes(StandardCharsets.US_ASCII);

    @Test
    void singleFrameUnmaskedTextMatchesRfcExample() throws IOException {
        byte[] wire = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        assertThat(Frame.text("Hello").unmasked().toBytes()).isEqualTo(wire);
        assertThat(read(wire)).isEqualTo(Frame.text("Hello").unmasked());
    }

    @Test
    void singleFrameMaskedTextMatchesRfcExample() throws IOException {
        byte[] wire = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertThat(Frame.text("Hello").toBytes()).isEqualTo(wire);
        Frame read = read(wire);
        assertThat(read.masked()).isTrue();
        assertThat(read.maskKey()).isEqualTo(Frame.MASK_KEY);
        assertThat(read.payload()).isEqualTo(HELLO);
    }

    @Test
    void fragmentedUnmaskedTextMatchesRfcExample() throws IOException {
        byte[] first = bytes(0x01, 0x03, 0x48, 0x65, 0x6c);
        byte[] second = bytes(0x80, 0x02, 0x6c, 0x6f);
        assertThat(Frame.text(HEL).notFinal().unmasked().toBytes()).isEqualTo(first);
        assertThat(Frame.continuation(LO).unmasked().toBytes()).isEqualTo(second);
        ByteArrayInputStream in = new ByteArrayInputStream(Frame.concat(
                Frame.text(HEL).notFinal().unmasked(), Frame.continuation(LO).unmasked()));
        Frame a = Frame.read(in, 1024);
        Frame b = Frame.read(in, 1024);
        assertThat(a.fin()).isFalse();
        assertThat(a.opcode()).isEqualTo(Frame.TEXT);
        assertThat(b.fin()).isTrue();
        assertThat(b.opcode()).isEqualTo(Frame.CONTINUATION);
        assertThat(b.payload()).isEqualTo(LO);
    }

    @Test
    void unmaskedPingAndMaskedPongMatchRfcExamples() throws IOException {
        assertThat(Frame.ping(HELLO).unmasked().toBytes()).isEqualTo(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        byte[] pong = bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        assertThat(Frame.pong(HELLO).toBytes()).isEqualTo(pong);
        assertThat(read(pong).opcode()).isEqualTo(Frame.PONG);
    }

    @Test
    void binaryOf256BytesUsesThe16BitLengthAsInRfcExample() throws IOException {
        byte[] wire = Frame.binary(new byte[256]).unmasked().toBytes();
        assertThat(wire).startsWith(bytes(0x82, 0x7E, 0x01, 0x00)).hasSize(4 + 256);
        assertThat(read(wire).payload()).hasSize(256);
    }

    @Test
    void binaryOf64KiBUsesThe64BitLengthAsInRfcExample() throws IOException {
        byte[] wire = Frame.binary(new byte[65536]).unmasked().toBytes();
        assertThat(wire).startsWith(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00)).hasSize(10 + 65536);
        assertThat(read(wire).payload()).hasSize(65536);
    }

    @Test
    void lengthFormsChangeAt126And65536() {
        assertThat(Frame.binary(new byte[125]).unmasked().toBytes()[1]).isEqualTo((byte) 125);
        assertThat(Frame.binary(new byte[126]).unmasked().toBytes()).startsWith(bytes(0x82, 126, 0x00, 126));
        assertThat(Frame.binary(new byte[65535]).unmasked().toBytes()).startsWith(bytes(0x82, 126, 0xFF, 0xFF));
        assertThat(Frame.binary(new byte[65535]).toBytes()).startsWith(bytes(0x82, 0x80 | 126, 0xFF, 0xFF, 0x37));
    }

    @Test
    void reservedBitsAndOpcodesAreWrittenAsGiven() {
        assertThat(Frame.text("").withRsv(Frame.RSV1).unmasked().toBytes()).isEqualTo(bytes(0xC1, 0x00));
        assertThat(Frame.text("").withRsv(Frame.RSV2).unmasked().toBytes()).isEqualTo(bytes(0xA1, 0x00));
        assertThat(Frame.text("").withRsv(Frame.RSV3).unmasked().toBytes()).isEqualTo(bytes(0x91, 0x00));
        assertThat(Frame.of(0xB, new byte[0]).notFinal().unmasked().toBytes()).isEqualTo(bytes(0x0B, 0x00));
    }

    @Test
    void closeBodyIsCodeInNetworkOrderThenReason() {
        assertThat(Frame.close(1000, "ok").unmasked().toBytes()).isEqualTo(bytes(0x88, 0x04, 0x03, 0xE8, 'o', 'k'));
        assertThat(Frame.close().unmasked().toBytes()).isEqualTo(bytes(0x88, 0x00));
    }

    @Test
    void aTruncatedFrameIsAnEof() {
        assertThatThrownBy(() -> read(bytes(0x81, 0x05, 0x48))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(EOFException.class);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        assertThatThrownBy(() -> Frame.read(new ByteArrayInputStream(bytes(0x82, 0x7F, 0x7F, 0, 0, 0, 0, 0, 0, 0)), 1024))
                .isInstanceOf(IOException.class).hasMessageContaining("more than");
    }

    @Test
    void toStringShowsOpcodeFlagsAndAPreview() {
        assertThat(Frame.text("Hello").notFinal().withRsv(Frame.RSV1).toString())
                .isEqualTo("TEXT (FIN=0) rsv=100 masked \"Hello\" (5 bytes)");
        assertThat(Frame.of(0xB, new byte[] {(byte) 0xFF}).unmasked().toString()).isEqualTo("RESERVED(0xB) [ff] (1 byte)");
    }

    private static Frame read(byte[] wire) throws IOException {
        return Frame.read(new ByteArrayInputStream(wire), 1 << 20);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
