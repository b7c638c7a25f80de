package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract's own permessage-deflate against the bytes of RFC 7692 §7.2.3. */
class DeflatePeerTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private static byte[] hex(String bytes) {
        return HEX.parseHex(bytes);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1-2: Hello is f2 48 cd c9 c9 07 00; again with context takeover f2 00 11 00 00, without the same 7 bytes")
    void compressesLikeTheRfc() {
        try (DeflatePeer takeover = new DeflatePeer(true, true); DeflatePeer fresh = new DeflatePeer(false, false)) {
            assertThat(HEX.formatHex(takeover.compress(HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(HEX.formatHex(takeover.compress(HELLO))).isEqualTo("f2 00 11 00 00");
            assertThat(HEX.formatHex(fresh.compress(HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(HEX.formatHex(fresh.compress(HELLO))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(HEX.formatHex(fresh.compress(new byte[0]))).as("an empty message is one byte").isEqualTo("00");
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3: every example payload inflates to Hello; the shared-window one only after a Hello")
    void inflatesTheRfcExamples() {
        try (DeflatePeer peer = new DeflatePeer(true, true)) {
            assertThat(peer.inflate(hex("f2 48 cd c9 c9 07 00"))).isEqualTo(HELLO);
            assertThat(peer.inflate(hex("f2 00 11 00 00"))).isEqualTo(HELLO);
            assertThat(peer.inflate(hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))).isEqualTo(HELLO);
            assertThat(peer.inflate(hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"))).isEqualTo(HELLO);
            assertThat(peer.inflate(hex("f3 48 cd c9 c9 07 00 00"))).isEqualTo(HELLO);
            assertThat(peer.inflate(hex("f2 48 cd c9 c9 07 00"))).as("a BFINAL block ends a stream; the next starts afresh")
                    .isEqualTo(HELLO);
        }
        try (DeflatePeer alone = new DeflatePeer(true, false)) {
            assertThatThrownBy(() -> alone.inflate(hex("f2 00 11 00 00"))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("server_no_context_takeover");
        }
    }

    @Test
    @DisplayName("the bomb block is about a kilobyte, and each copy of it inflates to another MiB of zeros")
    void bombBlockInflatesToAMebibyteEach() {
        byte[] block = DeflatePeer.bombBlock();
        assertThat(block.length).isBetween(500, 1500);
        byte[] three = new byte[block.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(block, 0, three, i * block.length, block.length);
        }
        try (DeflatePeer peer = new DeflatePeer(true, true)) {
            byte[] inflated = peer.inflate(three);
            assertThat(inflated).hasSize(3 * 1024 * 1024).containsOnly(0);
        }
    }
}
