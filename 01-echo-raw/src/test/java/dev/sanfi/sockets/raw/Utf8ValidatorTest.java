package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.of;
import static dev.sanfi.sockets.raw.WireBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

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
}
