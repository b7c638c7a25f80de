package dev.sanfi.sockets.exercises.ch3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chapter 3, exercise 3: a client's text frame written by hand. */
class Ch3Exercise3Test {

    private static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    @Test
    @DisplayName("Hello with the key 37 fa 21 3d is RFC 6455 §5.7's frame, byte for byte")
    void theRfcsFrame() {
        assertThat(HexFormat.ofDelimiter(" ").formatHex(ClientFrames.maskedText("Hello", KEY)))
                .isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 100_000})
    @DisplayName("every length form is 01-echo-raw's own frame, and a server reads it back as the text")
    void everyLengthForm(int length) {
        String text = "a".repeat(length);
        byte[] frame = ClientFrames.maskedText(text, KEY);
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        assertThat(frame).isEqualTo(FrameWriter.forClient(() -> 0x37fa213d).frame(Opcode.TEXT, payload));

        Connection server = Connection.forServer(1 << 20);
        assertThat(server.receive(frame))
                .singleElement()
                .isInstanceOfSatisfying(Event.MessageReceived.class,
                        received -> assertThat(received.message().text()).isEqualTo(text));
    }
}
