package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.of;
import static dev.sanfi.sockets.raw.WireBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {

    private static boolean valid(byte[] bytes) {
        return Utf8Validator.isValid(bytes, 0, bytes.length);
    }

    @Test
    @DisplayName("well-formed text of 1 to 4 bytes per character, up to U+10FFFF")
    void wellFormed() {
        assertThat(valid(utf8(""))).isTrue();
        assertThat(valid(utf8("Hello-µ@ßöäüàá-UTF-8!!"))).isTrue();
        assertThat(valid(utf8("κόσμε €100 😀"))).isTrue();
        assertThat(valid(of(0xEF, 0xBF, 0xBF))).as("U+FFFF").isTrue();
        assertThat(valid(of(0xF4, 0x8F, 0xBF, 0xBF))).as("U+10FFFF").isTrue();
        assertThat(valid(of(0xED, 0x9F, 0xBF))).as("U+D7FF, just below the surrogates").isTrue();
    }

    @Test
    @DisplayName("overlong forms, surrogates, code points above U+10FFFF and stray bytes are invalid")
    void illFormed() {
        assertThat(valid(of(0xC0, 0x80))).as("overlong NUL").isFalse();
        assertThat(valid(of(0xC1, 0xBF))).as("overlong 2-byte").isFalse();
        assertThat(valid(of(0xE0, 0x80, 0x80))).as("overlong 3-byte").isFalse();
        assertThat(valid(of(0xF0, 0x80, 0x80, 0x80))).as("overlong 4-byte").isFalse();
        assertThat(valid(of(0xED, 0xA0, 0x80))).as("surrogate U+D800").isFalse();
        assertThat(valid(of(0xF4, 0x90, 0x80, 0x80))).as("U+110000").isFalse();
        assertThat(valid(of(0xF5, 0x80, 0x80, 0x80))).as("F5 lead byte").isFalse();
        assertThat(valid(of(0xFF))).as("FF").isFalse();
        assertThat(valid(of(0x80))).as("lone continuation byte").isFalse();
        assertThat(valid(of(0xCE, 0x41))).as("a lead byte followed by ASCII").isFalse();
        assertThat(valid(of(0xCE))).as("text ending inside a character").isFalse();
    }

    @Test
    @DisplayName("fails on the first bad byte, with no need to see the rest")
    void failsFast() {
        Utf8Validator validator = new Utf8Validator();
        assertThat(validator.feed(utf8("κόσμε"), 0, utf8("κόσμε").length)).isTrue();
        assertThat(validator.feed(of(0xF4), 0, 1)).as("F4 may still be valid").isTrue();
        assertThat(validator.feed(of(0x90), 0, 1)).as("F4 90 is above U+10FFFF").isFalse();
    }

    @Test
    @DisplayName("a character may be fed one byte at a time")
    void byteByByte() {
        Utf8Validator validator = new Utf8Validator();
        byte[] smiley = utf8("😀");
        for (byte b : smiley) {
            assertThat(validator.isComplete()).isEqualTo(b == smiley[0]);
            assertThat(validator.feed(new byte[] {b}, 0, 1)).isTrue();
        }
        assertThat(validator.isComplete()).isTrue();
    }

    @Test
    @DisplayName("a bad byte is found at every place of a run of ASCII, whatever its alignment to eight")
    void badByteInsideAsciiRuns() {
        for (int length = 1; length <= 40; length++) {
            for (int bad = 0; bad < length; bad++) {
                byte[] text = new byte[length + 3];
                Arrays.fill(text, (byte) 'a');
                text[bad + 3] = (byte) 0x80;                  // a continuation byte with no lead byte
                assertThat(Utf8Validator.isValid(text, 3, text.length)).as("length %d, bad at %d", length, bad).isFalse();
                text[bad + 3] = (byte) 'b';
                assertThat(Utf8Validator.isValid(text, 3, text.length)).as("length %d, all ASCII", length).isTrue();
            }
        }
    }

    @Test
    @DisplayName("a direct buffer is checked from its position to its limit, and its position stays")
    void directBuffer() {
        byte[] text = utf8("{\"text\":\"héllo, wörld — 😀 and then a long ASCII tail\"}");
        ByteBuffer direct = ByteBuffer.allocateDirect(text.length + 10);
        direct.position(5);
        direct.put(text);
        direct.put((byte) 0xFF);                               // beyond the limit set next: not checked
        direct.limit(5 + text.length).position(5);
        Utf8Validator validator = new Utf8Validator();
        assertThat(validator.feed(direct)).isTrue();
        assertThat(validator.isComplete()).isTrue();
        assertThat(direct.position()).isEqualTo(5);
        direct.limit(6 + text.length);
        assertThat(new Utf8Validator().feed(direct)).as("with the FF").isFalse();
    }

    @Test
    @DisplayName("the same verdict as the JDK's strict decoder, on 20,000 random texts cut anywhere")
    void agreesWithTheJdk() {
        Random random = new Random(6455);
        byte[][] pieces = {utf8("a"), utf8("{\"seq\":"), utf8("é"), utf8("€"), utf8("😀"), of(0xED, 0xA0, 0x80),
            of(0xC0, 0xAF), of(0xF4, 0x90, 0x80, 0x80), of(0x80), of(0xFF), of(0xE2, 0x82), utf8("0123456789")};
        for (int n = 0; n < 20_000; n++) {
            ByteBuffer text = ByteBuffer.allocate(200);
            int count = random.nextInt(12);
            for (int p = 0; p < count; p++) {
                // mostly good pieces, sometimes a bad one: index 5 and up are bad, except the last
                int piece = random.nextInt(10) < 8 ? (random.nextBoolean() ? 11 : random.nextInt(5))
                        : random.nextInt(pieces.length);
                text.put(pieces[piece]);
            }
            byte[] bytes = Arrays.copyOf(text.array(), text.position());
            int cut = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            Utf8Validator validator = new Utf8Validator();
            boolean ours = validator.feed(bytes, 0, cut) && validator.feed(bytes, cut, bytes.length)
                    && validator.isComplete();
            assertThat(ours).as("%s cut at %d", Arrays.toString(bytes), cut).isEqualTo(jdkAccepts(bytes));
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
