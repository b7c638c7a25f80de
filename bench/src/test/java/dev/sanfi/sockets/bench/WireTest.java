package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireTest {

    /** The RFC 6455 §5.7 mask key as the int the generator writes. */
    private static final int RFC_KEY = 0x37fa213d;

    private static byte[] written(int opcode, byte[] payload, int maskKey) {
        ByteBuffer out = ByteBuffer.allocate(Wire.maskedFrameSize(payload.length));
        Wire.putMaskedFrame(out, opcode, payload, 0, payload.length, maskKey);
        assertThat(out.hasRemaining()).as("maskedFrameSize is exact").isFalse();
        return out.array();
    }

    @Test
    void aMaskedHelloIsTheBytesOfRfc6455Section5_7() {
        byte[] expected = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

        assertThat(written(Wire.TEXT, "Hello".getBytes(StandardCharsets.US_ASCII), RFC_KEY)).containsExactly(expected);
    }

    @Test
    void everyLengthFormIsTheSameAsTheContractsOwnEncoder() {
        Random random = new Random(6455);
        for (int length : new int[] {0, 1, 32, 125, 126, 127, 65535, 65536, 70000}) {
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            byte[] key = new byte[4];
            random.nextBytes(key);
            int maskKey = ByteBuffer.wrap(key).getInt();

            assertThat(written(Wire.BINARY, payload, maskKey)).as("length " + length)
                    .containsExactly(Frame.binary(payload).maskedWith(key).toBytes());
        }
    }

    @Test
    void theReaderFindsUnmaskedServerFramesOfEveryLengthForm() {
        ByteBuffer in = ByteBuffer.allocate(200_000);
        byte[] small = "Hello".getBytes(StandardCharsets.US_ASCII);
        byte[] medium = new byte[300];
        byte[] large = new byte[70_000];
        Arrays.fill(medium, (byte) 7);
        Arrays.fill(large, (byte) 9);
        in.put(Frame.text(small).unmasked().toBytes());
        in.put(Frame.binary(medium).unmasked().toBytes());
        in.put(Frame.binary(large).unmasked().toBytes());
        in.put(Frame.ping(new byte[] {1, 2}).unmasked().toBytes());
        in.flip();
        Wire.Reader reader = new Wire.Reader();

        assertThat(reader.next(in)).isTrue();
        assertThat(reader.opcode).isEqualTo(Wire.TEXT);
        assertThat(Arrays.copyOfRange(in.array(), reader.payloadOffset, reader.payloadOffset + reader.payloadLength))
                .containsExactly(small);
        assertThat(reader.next(in)).isTrue();
        assertThat(reader.payloadLength).isEqualTo(300);
        assertThat(reader.next(in)).isTrue();
        assertThat(reader.opcode).isEqualTo(Wire.BINARY);
        assertThat(reader.payloadLength).isEqualTo(70_000);
        assertThat(in.array()[reader.payloadOffset + 69_999]).isEqualTo((byte) 9);
        assertThat(reader.next(in)).isTrue();
        assertThat(reader.opcode).isEqualTo(Wire.PING);
        assertThat(reader.fin).isTrue();
        assertThat(in.hasRemaining()).isFalse();
        assertThat(reader.next(in)).isFalse();
    }

    @Test
    void anIncompleteFrameIsLeftWhereItIsAndSaysHowManyBytesItNeeds() {
        byte[] frame = Frame.binary(new byte[300]).unmasked().toBytes();
        ByteBuffer in = ByteBuffer.wrap(frame, 0, 1);
        Wire.Reader reader = new Wire.Reader();

        assertThat(reader.next(in)).isFalse();
        assertThat(reader.needed).isZero();

        in = ByteBuffer.wrap(frame, 0, 100);
        assertThat(reader.next(in)).isFalse();
        assertThat(reader.needed).isEqualTo(304);
        assertThat(in.position()).isZero();
    }

    @Test
    void aMaskedServerFrameIsUnmaskedInPlace() {
        ByteBuffer in = ByteBuffer.wrap(Frame.text("Hello").toBytes());
        Wire.Reader reader = new Wire.Reader();

        assertThat(reader.next(in)).isTrue();
        assertThat(new String(in.array(), reader.payloadOffset, reader.payloadLength, StandardCharsets.US_ASCII))
                .isEqualTo("Hello");
    }

    @Test
    void theAcceptKeyIsTheSampleOfRfc6455Section1_3() {
        assertThat(Wire.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void anUpgradeResponseNeeds101AndTheRightAcceptKey() {
        String key = "dGhlIHNhbXBsZSBub25jZQ==";
        String ok = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

        assertThat(Wire.checkUpgradeResponse(ok, key)).isNull();
        assertThat(Wire.checkUpgradeResponse("HTTP/1.1 404 Not Found", key)).startsWith("no 101");
        assertThat(Wire.checkUpgradeResponse(ok.replace("s3pP", "AAAA"), key)).startsWith("wrong");
    }
}
