package dev.sanfi.sockets.exercises.ch1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chapter 1, exercise 1: however TCP cuts the stream, the frames give back the messages. */
class Ch1Exercise1Test {

    /** Three unmasked text frames, as a server sends them: "hello", "world" and "κόσμε". */
    private static final byte[] STREAM = stream("hello", "world", "κόσμε");

    @ParameterizedTest(name = "read in pieces of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 13, 100})
    @DisplayName("the messages come out whole and in order, whatever the size of the reads")
    void messagesSurviveAnyCut(int pieceSize) {
        assertThat(MessagesFromAStream.texts(STREAM, pieceSize)).containsExactly("hello", "world", "κόσμε");
    }

    private static byte[] stream(String... texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String text : texts) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            out.write(0x81);                 // FIN, text
            out.write(payload.length);       // unmasked, under 126 bytes
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }
}
