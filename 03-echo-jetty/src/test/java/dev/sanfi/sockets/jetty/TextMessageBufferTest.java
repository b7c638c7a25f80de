package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextMessageBufferTest {

    @Test
    void countsTheUtf8BytesOfEachCodePoint() {
        for (String text : new String[] {"", "a", "é", "€", "𝄞", "Hello-µ@ßöäüàá-UTF-8!!", "κόσμε"}) {
            assertThat(TextMessageBuffer.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void joinsPiecesUpToTheLimitInclusive() {
        TextMessageBuffer buffer = new TextMessageBuffer(4);
        assertThat(buffer.append("ab")).isTrue();
        assertThat(buffer.append("é")).isTrue();
        assertThat(buffer.take()).isEqualTo("abé");
        assertThat(buffer.take()).isEmpty();
    }

    @Test
    void refusesThePieceThatCrossesTheLimit() {
        TextMessageBuffer buffer = new TextMessageBuffer(4);
        assertThat(buffer.append("abc")).isTrue();
        assertThat(buffer.append("€")).isFalse();
    }
}
