package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Headers on their own, from literal bytes (RFC 6455 §5.2, §5.7). */
class FrameHeaderTest {

    /** §5.7: a single-frame masked text message "Hello", key 37 fa 21 3d. */
    private static final byte[] MASKED_HELLO = {
            (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

    @Test
    @DisplayName("§5.7: the masked \"Hello\" header: FIN, TEXT, masked, 5 bytes, its key, 6 header bytes; the position moves past it")
    void maskedHello() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(MASKED_HELLO);
        FrameHeader header = FrameHeader.parse(in);
        assertThat(header.fin()).isTrue();
        assertThat(header.rsv()).isZero();
        assertThat(header.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(header.masked()).isTrue();
        assertThat(header.payloadLength()).isEqualTo(5);
        assertThat(header.maskingKey()).containsExactly(0x37, 0xfa, 0x21, 0x3d);
        assertThat(header.size()).isEqualTo(6);
        assertThat(in.position()).isEqualTo(6);

        byte[] payload = Arrays.copyOfRange(MASKED_HELLO, 6, 11);
        header.unmask(0, payload, 0, 2);
        header.unmask(2, payload, 2, 5);   // piece by piece, as it arrives
        assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("Hello");
    }

    @Test
    @DisplayName("an incomplete header is null and leaves the position where it was")
    void incomplete() throws ProtocolException {
        for (int length = 0; length < 6; length++) {
            ByteBuffer in = ByteBuffer.wrap(MASKED_HELLO, 0, length);
            assertThat(FrameHeader.parse(in)).as("%d bytes", length).isNull();
            assertThat(in.position()).isZero();
        }
    }

    @Test
    @DisplayName("§5.2: 16-bit and 64-bit lengths, big-endian; RSV bits are reported, not judged")
    void extendedLengths() throws ProtocolException {
        FrameHeader sixteen = FrameHeader.parse(ByteBuffer.wrap(new byte[] {(byte) 0x82, 126, 0x01, 0x00}));
        assertThat(sixteen.payloadLength()).isEqualTo(256);
        assertThat(sixteen.size()).isEqualTo(4);
        assertThat(sixteen.maskingKey()).isNull();

        FrameHeader sixtyFour = FrameHeader.parse(ByteBuffer.wrap(
                new byte[] {(byte) 0xC2, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
        assertThat(sixtyFour.payloadLength()).isEqualTo(65536);
        assertThat(sixtyFour.size()).isEqualTo(10);
        assertThat(sixtyFour.rsv()).isEqualTo(0b100);
    }

    @Test
    @DisplayName("§5.2, §5.5: a reserved opcode, a fragmented or long control frame fail with 1002 from the first two bytes")
    void faultsFromTheFirstTwoBytes() {
        assertProtocolError(new byte[] {(byte) 0x83, (byte) 0x80}, "reserved opcode");
        assertProtocolError(new byte[] {(byte) 0x09, (byte) 0x80}, "fragmented");
        assertProtocolError(new byte[] {(byte) 0x88, (byte) 0xFE}, "over 125");
    }

    @Test
    @DisplayName("§5.2: a 64-bit length with its top bit set fails with 1002")
    void negativeLength() {
        assertProtocolError(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, "most significant bit");
    }

    @Test
    @DisplayName("the reader joins a header split over reads, one byte at a time, and leaves the payload in the buffer")
    void readerAcrossReads() throws ProtocolException {
        FrameHeaderReader reader = new FrameHeaderReader();
        for (int i = 0; i < 5; i++) {
            ByteBuffer one = ByteBuffer.wrap(MASKED_HELLO, i, 1);
            assertThat(reader.read(one)).isNull();
            assertThat(one.hasRemaining()).isFalse();
        }
        ByteBuffer rest = ByteBuffer.wrap(MASKED_HELLO, 5, 6);
        FrameHeader header = reader.read(rest);
        assertThat(header.payloadLength()).isEqualTo(5);
        assertThat(header.maskingKey()).containsExactly(0x37, 0xfa, 0x21, 0x3d);
        assertThat(rest.position()).as("just past the header").isEqualTo(6);

        ByteBuffer twoHeaders = ByteBuffer.wrap(new byte[] {(byte) 0x89, 0x00, (byte) 0x8A, 0x00});
        assertThat(reader.read(twoHeaders).opcode()).isEqualTo(Opcode.PING);
        assertThat(reader.read(twoHeaders).opcode()).isEqualTo(Opcode.PONG);
    }

    @Test
    @DisplayName("a split header that completes inside a longer read gives back the bytes after it")
    void readerGivesBackThePayload() throws ProtocolException {
        FrameHeaderReader reader = new FrameHeaderReader();
        assertThat(reader.read(ByteBuffer.wrap(MASKED_HELLO, 0, 3))).isNull();
        ByteBuffer rest = ByteBuffer.wrap(MASKED_HELLO, 3, 8);
        assertThat(reader.read(rest).size()).isEqualTo(6);
        assertThat(rest.position()).isEqualTo(6);
        assertThat(rest.remaining()).isEqualTo(5);
    }

    private static void assertProtocolError(byte[] bytes, String why) {
        assertThatThrownBy(() -> FrameHeader.parse(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR))
                .hasMessageContaining(why);
    }
}
