package dev.sanfi.sockets.exercises.ch3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chapter 3, exercise 2: the chapter's UTF-8 table, decoded piece by piece with a strict CharsetDecoder. */
class Ch3Exercise2Test {

    private static byte[] hex(String bytes) {
        return HexFormat.of().parseHex(bytes.replace(" ", ""));
    }

    @Test
    @DisplayName("valid text comes out, also a character cut between two fragments")
    void validText() throws CharacterCodingException {
        StrictUtf8Decoder hi = new StrictUtf8Decoder();
        assertThat(hi.feed(hex("48 69"))).isEqualTo("Hi");
        hi.finish();

        StrictUtf8Decoder kosme = new StrictUtf8Decoder();
        assertThat(kosme.feed(hex("ce ba e1 bd b9 cf 83 ce bc ce b5"))).isEqualTo("κ\u1f79σμε");   // e1 bd b9 is U+1F79, ό with oxia
        kosme.finish();

        StrictUtf8Decoder split = new StrictUtf8Decoder();
        assertThat(split.feed(hex("ce"))).isEmpty();
        assertThat(split.feed(hex("ba"))).isEqualTo("κ");
        split.finish();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c0 af", "ed a0 80", "f4 90 80 80"})
    @DisplayName("an overlong form, a surrogate, and a code point above U+10FFFF are refused, not replaced")
    void invalidSequences(String bytes) {
        assertThatThrownBy(() -> new StrictUtf8Decoder().feed(hex(bytes))).isInstanceOf(CharacterCodingException.class);
        assertThat(new String(hex(bytes), StandardCharsets.UTF_8)).as("what new String makes of it").contains("\uFFFD");
    }

    @Test
    @DisplayName("fail fast: a bad first fragment is refused before the rest of the message arrives")
    void failFast() {
        StrictUtf8Decoder decoder = new StrictUtf8Decoder();
        assertThatThrownBy(() -> decoder.feed(hex("48 c0 af 48"))).isInstanceOf(CharacterCodingException.class);
    }

    @Test
    @DisplayName("a message that ends inside a character is refused at its end")
    void cutOffAtTheEnd() throws CharacterCodingException {
        StrictUtf8Decoder decoder = new StrictUtf8Decoder();
        assertThat(decoder.feed(hex("48 ce"))).isEqualTo("H");
        assertThatThrownBy(decoder::finish).isInstanceOf(CharacterCodingException.class);
    }
}
