package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.ascii;
import static dev.sanfi.sockets.raw.WireBytes.concat;
import static dev.sanfi.sockets.raw.WireBytes.counting;
import static dev.sanfi.sockets.raw.WireBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

    /** The masking key of the RFC 6455 §5.7 examples. */
    private static final MaskKeySource RFC_KEY = () -> 0x37fa213d;

    @Test
    @DisplayName("§5.7: a server writes \"Hello\" unmasked")
    void serverText() {
        assertThat(FrameWriter.forServer().frame(Opcode.TEXT, ascii("Hello")))
                .isEqualTo(of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: a compressed Hello is c1 07 f2 48 cd c9 c9 07 00: RSV1 set, the rest as any frame")
    void compressedText() {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(9);
        FrameWriter.forServer().writeCompressed(Opcode.TEXT, of(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00), out);
        assertThat(out.array()).isEqualTo(of(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
        assertThatThrownBy(() -> FrameWriter.forServer().writeCompressed(Opcode.PING, new byte[0], out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("§5.7: a client writes \"Hello\" masked with the injected key")
    void clientText() {
        assertThat(FrameWriter.forClient(RFC_KEY).frame(Opcode.TEXT, ascii("Hello")))
                .isEqualTo(of(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
    }

    @Test
    @DisplayName("§5.7: Ping from a server, Pong from a client")
    void pingAndPong() {
        assertThat(FrameWriter.forServer().frame(Opcode.PING, ascii("Hello")))
                .isEqualTo(of(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertThat(FrameWriter.forClient(RFC_KEY).frame(Opcode.PONG, ascii("Hello")))
                .isEqualTo(of(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
    }

    @Test
    @DisplayName("§5.7: the fragments of \"Hello\", with FIN only on the last")
    void fragments() {
        FrameWriter writer = FrameWriter.forServer();
        ByteBuffer out = ByteBuffer.allocate(9);
        writer.write(Opcode.TEXT, false, ascii("Hel"), out);
        writer.write(Opcode.CONTINUATION, true, ascii("lo"), out);
        assertThat(out.array()).isEqualTo(of(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f));
    }

    @Test
    @DisplayName("§5.2: the shortest length encoding: 7 bits to 125, 16 bits to 65535, then 64 bits")
    void lengthEncodings() {
        FrameWriter writer = FrameWriter.forServer();
        assertThat(writer.frame(Opcode.BINARY, counting(125))).startsWith(0x82, 125);
        assertThat(writer.frame(Opcode.BINARY, counting(126))).startsWith(of(0x82, 0x7E, 0x00, 0x7E));
        assertThat(writer.frame(Opcode.BINARY, counting(256))).isEqualTo(concat(of(0x82, 0x7E, 0x01, 0x00), counting(256)));
        assertThat(writer.frame(Opcode.BINARY, counting(65535))).startsWith(of(0x82, 0x7E, 0xFF, 0xFF));
        assertThat(writer.frame(Opcode.BINARY, counting(65536)))
                .isEqualTo(concat(of(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00), counting(65536)));
    }

    @Test
    @DisplayName("frameLength is exactly what write uses")
    void frameLength() {
        for (int size : new int[] {0, 125, 126, 65535, 65536}) {
            assertThat(FrameWriter.forServer().frameLength(size)).isEqualTo(FrameWriter.forServer().frame(Opcode.BINARY, new byte[size]).length);
            assertThat(FrameWriter.forClient(RFC_KEY).frameLength(size))
                    .isEqualTo(FrameWriter.forClient(RFC_KEY).frame(Opcode.BINARY, new byte[size]).length);
        }
    }

    @Test
    @DisplayName("each client frame takes a new key from the source")
    void newKeyPerFrame() {
        int[] keys = {0x01020304, 0x0A0B0C0D};
        int[] next = {0};
        FrameWriter writer = FrameWriter.forClient(() -> keys[next[0]++]);
        assertThat(writer.frame(Opcode.BINARY, new byte[] {0})).isEqualTo(of(0x82, 0x81, 1, 2, 3, 4, 1));
        assertThat(writer.frame(Opcode.BINARY, new byte[] {0})).isEqualTo(of(0x82, 0x81, 0x0A, 0x0B, 0x0C, 0x0D, 0x0A));
    }

    @Test
    @DisplayName("§5.5: a control frame over 125 bytes is a programming error")
    void controlFrameTooLong() {
        assertThatThrownBy(() -> FrameWriter.forServer().frame(Opcode.PING, new byte[126]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
