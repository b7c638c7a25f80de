package dev.sanfi.sockets.jakarta.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The compressing connection's frame rules, bytes in, verdict out (no socket, no Tyrus). */
class InflatingFrameCheckTest {

    private static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};
    private static final int LIMIT = 64 * 1024;

    private final InflatingFrameCheck check = new InflatingFrameCheck(LIMIT);

    @AfterEach
    void end() {
        check.end();
    }

    /** A masked client frame: FIN, RSV bits and opcode in the first byte as given. */
    private static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        out.writeBytes(KEY);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ KEY[i & 3]);
        }
        return out.toByteArray();
    }

    private FrameCheck.Verdict check(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return check.check(ByteBuffer.wrap(all.toByteArray()));
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1's compressed 'Hello' passes whole, and an uncompressed text after it")
    void compressedAndPlainMessagesPass() {
        byte[] hello = frame(0xc1, HexFormat.of().parseHex("f248cdc9c90700"));
        byte[] plain = frame(0x81, "plain".getBytes());
        assertThat(check(hello, plain)).isEqualTo(new FrameCheck.Verdict(hello.length + plain.length, null));
    }

    @Test
    @DisplayName("RSV1 on a Ping or a continuation, RSV2 anywhere: 1002, and the frames before pass")
    void rsvOutOfPlaceIs1002() {
        byte[] hello = frame(0xc1, HexFormat.of().parseHex("f248cdc9c90700"));
        assertThat(check(hello, frame(0xc9, new byte[0])).fault().code()).isEqualTo(1002);
        assertThat(new InflatingFrameCheck(LIMIT).check(ByteBuffer.wrap(frame(0xa1, new byte[0]))).fault().code())
                .isEqualTo(1002);
        assertThat(check.check(ByteBuffer.wrap(hello)).passBytes()).as("nothing after a fault").isZero();
    }

    @Test
    @DisplayName("a frame that inflates past the limit is 1009, none of its bytes pass, whatever its wire size")
    void inflatedSizeIsWhatCounts() {
        byte[] zeros = new byte[LIMIT + 1];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        byte[] buffer = new byte[LIMIT];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        byte[] compressed = java.util.Arrays.copyOf(buffer, n - 4);
        byte[] hello = frame(0xc1, HexFormat.of().parseHex("f248cdc9c90700"));
        FrameCheck.Verdict verdict = check(hello, frame(0xc2, compressed));
        assertThat(compressed.length).as("a few hundred bytes on the wire").isLessThan(1024);
        assertThat(verdict.fault().code()).isEqualTo(1009);
        assertThat(verdict.passBytes()).isEqualTo(hello.length);
    }

    @Test
    @DisplayName("bytes that do not inflate are 1007, and so is invalid UTF-8 once inflated")
    void badDataIs1007() {
        assertThat(check(frame(0xc2, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})).fault().code()).isEqualTo(1007);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(new byte[] {'o', 'k', (byte) 0xc0, (byte) 0xaf});
        byte[] buffer = new byte[64];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        InflatingFrameCheck fresh = new InflatingFrameCheck(LIMIT);
        assertThat(fresh.check(ByteBuffer.wrap(frame(0xc1, java.util.Arrays.copyOf(buffer, n - 4)))).fault().code())
                .isEqualTo(1007);
        fresh.end();
    }

    @Test
    @DisplayName("a final DEFLATE block (RFC 7692 §7.2.3.4) is 1003: Tyrus would hang on what follows it")
    void finalBlockIs1003() {
        assertThat(check(frame(0xc1, HexFormat.of().parseHex("f348cdc9c9070000"))).fault().code()).isEqualTo(1003);
    }
}
