package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EchoMessageTest {

    @Test
    void aMessageSaysWhichItIsAndWhenItWasDue() {
        EchoMessage binary = new EchoMessage(Wire.BINARY, 1024);
        byte[] sent = binary.with(42, -123_456_789L).clone();

        assertThat(sent).hasSize(1024);
        assertThat(binary.matches(Wire.BINARY, sent, 0, sent.length)).isTrue();
        assertThat(EchoMessage.sequence(sent, 0)).isEqualTo(42);
        assertThat(EchoMessage.sentAt(sent, 0)).isEqualTo(-123_456_789L);
    }

    @Test
    void anEchoWithAnotherOpcodeSizeOrFillerIsNotOne() {
        EchoMessage text = new EchoMessage(Wire.TEXT, 64);
        byte[] echo = new byte[100];
        System.arraycopy(text.with(7, 1000), 0, echo, 10, 64);

        assertThat(text.matches(Wire.TEXT, echo, 10, 64)).isTrue();
        assertThat(text.matches(Wire.BINARY, echo, 10, 64)).as("opcode").isFalse();
        assertThat(text.matches(Wire.TEXT, echo, 10, 63)).as("size").isFalse();
        echo[10 + 50] ^= 1;
        assertThat(text.matches(Wire.TEXT, echo, 10, 64)).as("filler").isFalse();
        echo[10 + 50] ^= 1;
        echo[10 + 3] = 'x';
        assertThat(text.matches(Wire.TEXT, echo, 10, 64)).as("header").isFalse();
    }

    @Test
    void textIsValidUtf8AndBinaryIsNotText() throws CharacterCodingException {
        byte[] text = new EchoMessage(Wire.TEXT, 65536).with(1, 2);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(text)); // throws if it is not UTF-8 (RFC 6455 §5.6)
        assertThat(new String(text, 32, 20, StandardCharsets.US_ASCII)).isEqualTo(",{\"type\":\"message\",\"");

        byte[] binary = new EchoMessage(Wire.BINARY, 65536).with(1, 2);
        assertThat(binary).as("random bytes, so deflate cannot shrink them").contains((byte) 0x80, (byte) 0xFF);
    }

    @Test
    void tooSmallOrNotADataOpcodeIsRefused() {
        assertThatThrownBy(() -> new EchoMessage(Wire.TEXT, 31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EchoMessage(Wire.PING, 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
