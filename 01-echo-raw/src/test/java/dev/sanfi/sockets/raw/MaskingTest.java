package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d}; // RFC 6455 §5.7's key

    /** §5.3 word for word: octet i of the payload XOR octet i mod 4 of the key. */
    private static byte[] byDefinition(long position, byte[] data, int from, int to) {
        byte[] out = data.clone();
        for (int i = from; i < to; i++) {
            out[i] = (byte) (data[i] ^ KEY[(int) ((position + i - from) % 4)]);
        }
        return out;
    }

    @Test
    @DisplayName("RFC 6455 §5.7: \"Hello\" masked with 37 fa 21 3d is 7f 9f 4d 51 58")
    void theRfcsExample() {
        byte[] hello = "Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Masking.apply(KEY, 0, hello, 0, hello.length);
        assertThat(hello).containsExactly(0x7f, 0x9f, 0x4d, 0x51, 0x58);
    }

    @Test
    @DisplayName("eight bytes at a time gives §5.3's bytes, for every length, offset and position in the payload")
    void sameAsTheDefinition() {
        Random random = new Random(6455);
        for (int length = 0; length <= 70; length++) {
            for (int from = 0; from < 9; from++) {
                for (long position = 0; position < 9; position++) {
                    byte[] data = new byte[from + length + 5];
                    random.nextBytes(data);
                    byte[] expected = byDefinition(position, data, from, from + length);
                    Masking.apply(KEY, position, data, from, from + length);
                    assertThat(data).as("length %d from %d position %d", length, from, position).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    @DisplayName("a payload unmasked piece by piece, cut anywhere, is the payload unmasked at once")
    void pieceByPiece() {
        Random random = new Random(7692);
        byte[] payload = new byte[1000];
        random.nextBytes(payload);
        byte[] whole = payload.clone();
        Masking.apply(KEY, 0, whole, 0, whole.length);
        for (int cut = 0; cut <= payload.length; cut += 37) {
            byte[] pieces = payload.clone();
            Masking.apply(KEY, 0, pieces, 0, cut);
            Masking.apply(KEY, cut, pieces, cut, pieces.length);
            assertThat(pieces).as("cut at %d", cut).isEqualTo(whole);
        }
    }
}
