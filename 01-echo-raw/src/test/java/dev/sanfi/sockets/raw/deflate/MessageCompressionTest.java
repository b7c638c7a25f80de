package dev.sanfi.sockets.raw.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageDeflater} and {@link MessageInflater} against the bytes of RFC 7692 §7.2.3, with and
 * without context takeover, and against a bomb.
 */
class MessageCompressionTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private final List<MessageDeflater> deflaters = new ArrayList<>();
    private final List<MessageInflater> inflaters = new ArrayList<>();

    @AfterEach
    void release() {
        deflaters.forEach(MessageDeflater::release);
        inflaters.forEach(MessageInflater::release);
    }

    private MessageDeflater deflater(boolean keepsWindow) {
        MessageDeflater deflater = new MessageDeflater(keepsWindow);
        deflaters.add(deflater);
        return deflater;
    }

    private MessageInflater inflater(boolean keepsWindow) {
        MessageInflater inflater = new MessageInflater(keepsWindow);
        inflaters.add(inflater);
        return inflater;
    }

    /** Inflates a whole message from its pieces. */
    private static byte[] inflate(MessageInflater inflater, String... pieces) throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces.length; i++) {
            inflater.inflate(HEX.parseHex(pieces[i]), i == pieces.length - 1, out::writeBytes);
        }
        return out.toByteArray();
    }

    @Test
    @DisplayName("§7.2.3.1: Hello compresses to f2 48 cd c9 c9 07 00 (the sync flush's 00 00 ff ff stripped)")
    void helloCompressesLikeTheRfc() {
        assertThat(HEX.formatHex(deflater(true).compress(HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
    }

    @Test
    @DisplayName("§7.2.3.2: with context takeover the second Hello is f2 00 11 00 00, without it the same 7 bytes again")
    void contextTakeover() {
        MessageDeflater takeover = deflater(true);
        takeover.compress(HELLO);
        assertThat(HEX.formatHex(takeover.compress(HELLO))).isEqualTo("f2 00 11 00 00");
        MessageDeflater fresh = deflater(false);
        fresh.compress(HELLO);
        assertThat(HEX.formatHex(fresh.compress(HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
    }

    @Test
    @DisplayName("an empty message is 00, the header of an empty stored block, also right after a flush with takeover")
    void emptyMessage() throws ProtocolException {
        MessageDeflater takeover = deflater(true);
        MessageInflater inflater = inflater(true);
        for (byte[] message : new byte[][] {HELLO, new byte[0], HELLO, new byte[0], new byte[0], HELLO}) {
            byte[] compressed = takeover.compress(message);
            if (message.length == 0) {
                assertThat(HEX.formatHex(compressed)).isEqualTo("00");
            }
            assertThat(inflate(inflater, HEX.formatHex(compressed))).isEqualTo(message);
        }
    }

    @Test
    @DisplayName("§7.2.3.1: f2 48 cd c9 c9 07 00 is Hello, whole and in the RFC's fragments of 3 and 4 bytes")
    void helloInflates() throws ProtocolException {
        assertThat(inflate(inflater(true), "f2 48 cd c9 c9 07 00")).isEqualTo(HELLO);
        assertThat(inflate(inflater(true), "f2 48 cd", "c9 c9 07 00")).isEqualTo(HELLO);
        assertThat(inflate(inflater(true), "f2", "", "48 cd c9", "c9 07", "00")).isEqualTo(HELLO);
    }

    @Test
    @DisplayName("§7.2.3.2: f2 00 11 00 00 is Hello after a Hello with the shared window, and broken data without it (1007)")
    void sharedWindow() throws ProtocolException {
        MessageInflater takeover = inflater(true);
        assertThat(inflate(takeover, "f2 48 cd c9 c9 07 00")).isEqualTo(HELLO);
        assertThat(inflate(takeover, "f2 00 11 00 00")).isEqualTo(HELLO);
        MessageInflater fresh = inflater(false);
        assertThat(inflate(fresh, "f2 48 cd c9 c9 07 00")).isEqualTo(HELLO);
        assertThatThrownBy(() -> inflate(fresh, "f2 00 11 00 00")).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).closeCode()).isEqualTo(CloseCode.INVALID_PAYLOAD_DATA));
    }

    @Test
    @DisplayName("§7.2.3.3-5: a stored block, a block with BFINAL set (then a new stream), two blocks in one message: all Hello")
    void otherBlocks() throws ProtocolException {
        MessageInflater inflater = inflater(true);
        assertThat(inflate(inflater, "00 05 00 fa ff 48 65 6c 6c 6f 00")).as("§7.2.3.3").isEqualTo(HELLO);
        assertThat(inflate(inflater, "f3 48 cd c9 c9 07 00 00")).as("§7.2.3.4").isEqualTo(HELLO);
        assertThat(inflate(inflater, "f2 48 cd c9 c9 07 00")).as("after BFINAL, a new DEFLATE stream").isEqualTo(HELLO);
        assertThat(inflate(inflater, "f2 48 05 00 00 00 ff ff ca c9 c9 07 00")).as("§7.2.3.5").isEqualTo(HELLO);
    }

    @Test
    @DisplayName("§7.2.1-2: what the deflater makes, the inflater reads back, for text, random bytes and a MiB, with and without takeover")
    void roundTrip() throws ProtocolException {
        byte[] random = new byte[1 << 20];
        new Random(7692).nextBytes(random);
        byte[] json = "{\"user\":\"ada\",\"text\":\"hello\"}".repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (boolean keep : new boolean[] {true, false}) {
            MessageDeflater deflater = deflater(keep);
            MessageInflater inflater = inflater(keep);
            for (byte[] message : new byte[][] {json, random, HELLO, json}) {
                byte[] compressed = deflater.compress(message);
                assertThat(compressed.length).isLessThanOrEqualTo(MessageDeflater.compressBound(message.length));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                inflater.inflate(compressed, true, out::writeBytes);
                assertThat(out.toByteArray()).isEqualTo(message);
            }
        }
    }

    @Test
    @DisplayName("a bomb: a kilobyte that inflates to a MiB comes out in steps of at most 16 KiB, and stops when the caller says so")
    void bombIsInflatedInBoundedSteps() throws ProtocolException {
        byte[] zeros = new byte[1 << 20];
        byte[] bomb = deflater(false).compress(zeros);
        assertThat(bomb.length).as("about a thousand to one").isLessThan(1200);
        int limit = 100_000;
        List<Integer> steps = new ArrayList<>();
        long[] total = {0};
        assertThatThrownBy(() -> inflater(true).inflate(bomb, true, inflated -> {
            steps.add(inflated.length);
            total[0] += inflated.length;
            if (total[0] > limit) {
                throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG, "over " + limit);
            }
        })).isInstanceOf(ProtocolException.class);
        assertThat(steps).allSatisfy(step -> assertThat(step).isBetween(1, MessageInflater.STEP_BYTES));
        assertThat(total[0]).as("inflated no further than the limit and one step")
                .isLessThanOrEqualTo(limit + MessageInflater.STEP_BYTES);
    }

    @Test
    @DisplayName("bytes that are no DEFLATE data fail with 1007")
    void notDeflate() {
        assertThatThrownBy(() -> inflate(inflater(true), "07"))   // BTYPE 11: reserved
                .isInstanceOf(ProtocolException.class).hasMessageContaining("RFC 7692 §7.2.2");
    }
}
