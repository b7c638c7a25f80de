package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.ascii;
import static dev.sanfi.sockets.raw.WireBytes.of;
import static dev.sanfi.sockets.raw.WireBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.raw.deflate.MessageDeflater;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private final MessageAssembler assembler = new MessageAssembler(1000);

    @Test
    @DisplayName("a message in one frame")
    void singleFrame() throws ProtocolException {
        Message message = assembler.accept(new Frame(true, Opcode.TEXT, ascii("Hello")));
        assertThat(message.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(message.text()).isEqualTo("Hello");
    }

    @Test
    @DisplayName("§5.4: fragments are joined; only the last completes the message")
    void fragments() throws ProtocolException {
        assertThat(assembler.accept(new Frame(false, Opcode.BINARY, of(1, 2)))).isNull();
        assertThat(assembler.accept(new Frame(false, Opcode.CONTINUATION, of()))).isNull();
        assertThat(assembler.accept(new Frame(false, Opcode.CONTINUATION, of(3)))).isNull();
        Message message = assembler.accept(new Frame(true, Opcode.CONTINUATION, of(4, 5)));
        assertThat(message.opcode()).isEqualTo(Opcode.BINARY);
        assertThat(message.payload()).isEqualTo(of(1, 2, 3, 4, 5));
    }

    @Test
    @DisplayName("messages one after another, fragmented and not")
    void oneAfterAnother() throws ProtocolException {
        assembler.accept(new Frame(false, Opcode.TEXT, ascii("a")));
        assertThat(assembler.accept(new Frame(true, Opcode.CONTINUATION, ascii("b"))).text()).isEqualTo("ab");
        assertThat(assembler.accept(new Frame(true, Opcode.BINARY, of(7))).payload()).isEqualTo(of(7));
        assembler.accept(new Frame(false, Opcode.TEXT, ascii("c")));
        assertThat(assembler.accept(new Frame(true, Opcode.CONTINUATION, ascii("d"))).text()).isEqualTo("cd");
    }

    @Test
    @DisplayName("§5.4: a continuation with no message started is a protocol error")
    void continuationWithoutStart() {
        assertError(new Frame(true, Opcode.CONTINUATION, ascii("x")), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§5.4: a new TEXT or BINARY frame inside a fragmented message is a protocol error")
    void newMessageInsideFragmented() throws ProtocolException {
        assembler.accept(new Frame(false, Opcode.TEXT, ascii("x")));
        assertError(new Frame(true, Opcode.BINARY, ascii("y")), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("a message over the limit is refused with 1009, in one frame or reassembled")
    void tooBig() throws ProtocolException {
        assertError(new Frame(true, Opcode.BINARY, new byte[1001]), CloseCode.MESSAGE_TOO_BIG);
        MessageAssembler fresh = new MessageAssembler(1000);
        fresh.accept(new Frame(false, Opcode.BINARY, new byte[600]));
        assertThatThrownBy(() -> fresh.accept(new Frame(true, Opcode.CONTINUATION, new byte[401])))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG));
    }

    @Test
    @DisplayName("exactly at the limit is fine")
    void atTheLimit() throws ProtocolException {
        assembler.accept(new Frame(false, Opcode.BINARY, new byte[600]));
        assertThat(assembler.accept(new Frame(true, Opcode.CONTINUATION, new byte[400])).payload()).hasSize(1000);
    }

    @Test
    @DisplayName("§8.1: a character split between two fragments is fine")
    void characterAcrossFragments() throws ProtocolException {
        byte[] euro = utf8("€");                     // E2 82 AC
        assembler.accept(new Frame(false, Opcode.TEXT, Arrays.copyOfRange(euro, 0, 1)));
        assembler.accept(new Frame(false, Opcode.CONTINUATION, Arrays.copyOfRange(euro, 1, 2)));
        assertThat(assembler.accept(new Frame(true, Opcode.CONTINUATION, Arrays.copyOfRange(euro, 2, 3))).text())
                .isEqualTo("€");
    }

    @Test
    @DisplayName("§8.1: invalid UTF-8 fails with 1007 as soon as it arrives, not at the end of the message")
    void invalidUtf8FailsFast() throws ProtocolException {
        assembler.accept(new Frame(false, Opcode.TEXT, utf8("κόσμε")));
        // 0xF4 0x90: above U+10FFFF, invalid from its second byte on; the message is not finished.
        assertError(new Frame(false, Opcode.CONTINUATION, of(0xF4, 0x90)), CloseCode.INVALID_PAYLOAD_DATA);
    }

    @Test
    @DisplayName("§8.1: a text message that ends inside a character fails with 1007")
    void truncatedCharacter() {
        assertError(new Frame(true, Opcode.TEXT, of(0x48, 0xE2, 0x82)), CloseCode.INVALID_PAYLOAD_DATA);
    }

    @Test
    @DisplayName("binary messages are not UTF-8 checked")
    void binaryIsAnyBytes() throws ProtocolException {
        assertThat(assembler.accept(new Frame(true, Opcode.BINARY, of(0xFF, 0xC0, 0x80))).payload()).isEqualTo(of(0xFF, 0xC0, 0x80));
    }

    @Test
    @DisplayName("RFC 7692: a compressed message in 50-byte fragments is inflated as they come; plain and compressed messages mix")
    void compressedFragments() throws ProtocolException {
        MessageInflater inflater = new MessageInflater(true);
        MessageAssembler compressing = new MessageAssembler(1000, inflater);
        byte[] text = utf8("κόσμε ".repeat(80));   // 960 bytes
        byte[] compressed = new MessageDeflater(true).compress(text);
        Message message = null;
        for (int at = 0; at < compressed.length; at += 50) {
            byte[] piece = Arrays.copyOfRange(compressed, at, Math.min(at + 50, compressed.length));
            boolean last = at + 50 >= compressed.length;
            message = compressing.accept(new Frame(last, at == 0 ? Opcode.TEXT : Opcode.CONTINUATION, piece, at == 0));
            assertThat(message == null).isEqualTo(!last);
        }
        assertThat(message.payload()).isEqualTo(text);
        assertThat(compressing.accept(new Frame(true, Opcode.TEXT, ascii("plain"))).text()).isEqualTo("plain");
        inflater.release();
    }

    @Test
    @DisplayName("RFC 7692: the limit counts inflated bytes across compressed fragments: a bomb in small pieces fails with 1009")
    void compressedBombInFragments() throws ProtocolException {
        MessageInflater inflater = new MessageInflater(true);
        MessageAssembler compressing = new MessageAssembler(64 * 1024, inflater);
        byte[] bomb = new MessageDeflater(false).compress(new byte[1 << 20]);
        int at = 0;
        compressing.accept(new Frame(false, Opcode.BINARY, Arrays.copyOfRange(bomb, 0, 10), true));
        ProtocolException failure = null;
        for (at = 10; at < bomb.length && failure == null; at += 10) {
            try {
                compressing.accept(new Frame(false, Opcode.CONTINUATION, Arrays.copyOfRange(bomb, at, Math.min(at + 10, bomb.length))));
            } catch (ProtocolException e) {
                failure = e;
            }
        }
        assertThat(failure).isNotNull();
        assertThat(failure.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        assertThat(at).as("stopped after about 64 KiB inflated, a small part of the bomb").isLessThan(bomb.length / 4);
        inflater.release();
    }

    private void assertError(Frame frame, CloseCode expected) {
        assertThatThrownBy(() -> assembler.accept(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(expected));
    }
}
