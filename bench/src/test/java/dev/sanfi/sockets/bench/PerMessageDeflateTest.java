package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

class PerMessageDeflateTest {

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    /** RFC 7692 §7.2.3.1: "Hello" in one compressed block, the 00 00 FF FF tail removed. */
    private static final byte[] HELLO_COMPRESSED = bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
    /** §7.2.3.2: the second "Hello" of a context that still holds the first. */
    private static final byte[] HELLO_AGAIN = bytes(0xf2, 0x00, 0x11, 0x00, 0x00);

    @Test
    void helloIsTheBytesOfRfc7692AndTheSecondOneUsesTheContext() {
        PerMessageDeflate deflate = PerMessageDeflate.accept("permessage-deflate");

        assertThat(deflate.compress(HELLO, 0, HELLO.length)).containsExactly(HELLO_COMPRESSED);
        assertThat(deflate.compress(HELLO, 0, HELLO.length)).containsExactly(HELLO_AGAIN);
    }

    @Test
    void withClientNoContextTakeoverEveryMessageStartsAfresh() {
        PerMessageDeflate deflate = PerMessageDeflate.accept("permessage-deflate; client_no_context_takeover");

        assertThat(deflate.compress(HELLO, 0, HELLO.length)).containsExactly(HELLO_COMPRESSED);
        assertThat(deflate.compress(HELLO, 0, HELLO.length)).containsExactly(HELLO_COMPRESSED);
    }

    @Test
    void theServersMessagesInflateWithAndWithoutItsContext() throws DataFormatException {
        PerMessageDeflate deflate = PerMessageDeflate.accept("permessage-deflate; server_max_window_bits=10");

        assertThat(deflate.inflate(HELLO_COMPRESSED, 0, HELLO_COMPRESSED.length, 100)).containsExactly(HELLO);
        assertThat(deflate.inflate(HELLO_AGAIN, 0, HELLO_AGAIN.length, 100)).containsExactly(HELLO);
        assertThat(deflate.inflate(HELLO_COMPRESSED, 0, HELLO_COMPRESSED.length, 100)).containsExactly(HELLO);
    }

    @Test
    void largeMessagesGoBothWays() throws DataFormatException {
        PerMessageDeflate client = PerMessageDeflate.accept("permessage-deflate");
        PerMessageDeflate echo = PerMessageDeflate.accept("permessage-deflate");
        byte[] random = new byte[200_000];
        new Random(7692).nextBytes(random);

        byte[] compressed = client.compress(random, 0, random.length);

        assertThat(echo.inflate(compressed, 0, compressed.length, 1 << 20)).containsExactly(random);
    }

    @Test
    void aMessageThatInflatesPastTheLimitIsRefused() {
        PerMessageDeflate client = PerMessageDeflate.accept("permessage-deflate");
        byte[] zeros = new byte[1 << 20];
        byte[] bomb = client.compress(zeros, 0, zeros.length);

        assertThat(bomb.length).isLessThan(2_000);
        assertThatThrownBy(() -> PerMessageDeflate.accept("permessage-deflate").inflate(bomb, 0, bomb.length, 64 * 1024))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("more than 65536");
    }

    @Test
    void noAnswerIsNoExtensionAndABadAnswerFailsTheConnection() {
        assertThat(PerMessageDeflate.accept(null)).isNull();
        assertThat(PerMessageDeflate.accept(" ")).isNull();
        for (String bad : new String[] {"x-webkit-deflate-frame", "permessage-deflate; client_max_window_bits=10",
                "permessage-deflate; server_max_window_bits=16", "permessage-deflate; foo",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate; client_no_context_takeover=1", "permessage-deflate, permessage-deflate"}) {
            assertThatThrownBy(() -> PerMessageDeflate.accept(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
