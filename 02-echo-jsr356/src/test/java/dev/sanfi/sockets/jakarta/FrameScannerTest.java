package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The frame-header checks Tyrus lacks, on literal bytes (RFC 6455 §5.7 examples, fixed mask keys). */
class FrameScannerTest {

    /** RFC 6455 §5.7: a single-frame masked text message, "Hello". */
    private static final byte[] MASKED_HELLO = {
        (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

    /** RFC 6455 §5.7: the same message unmasked, as a server would send it. */
    private static final byte[] UNMASKED_HELLO = {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};

    private static int scan(FrameScanner scanner, byte[] bytes) {
        return scanner.scan(i -> bytes[i], 0, bytes.length);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a masked frame passes")
    void maskedFramePasses() {
        assertThat(scan(new FrameScanner(1024), MASKED_HELLO)).isEqualTo(-1);
    }

    @Test
    @DisplayName("RFC 6455 §5.1: an unmasked client frame is a protocol error, 1002")
    void unmaskedFrameIsRefused() {
        FrameScanner scanner = new FrameScanner(1024);
        assertThat(scan(scanner, UNMASKED_HELLO)).isEqualTo(0);
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("the fault is found where its frame starts, after the good frames before it")
    void faultIsLocatedAtItsFrame() {
        FrameScanner scanner = new FrameScanner(1024);
        byte[] stream = concat(MASKED_HELLO, MASKED_HELLO, UNMASKED_HELLO);
        assertThat(scan(scanner, stream)).isEqualTo(2 * MASKED_HELLO.length);
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a 256-byte binary frame (16-bit length) over a 255-byte limit is 1009 from its header alone")
    void frameOverTheLimitIsRefusedFromItsHeader() {
        FrameScanner scanner = new FrameScanner(255);
        byte[] header = {(byte) 0x82, (byte) 0xfe, 0x01, 0x00, 0x37, (byte) 0xfa, 0x21, 0x3d};
        assertThat(scan(scanner, header)).isEqualTo(0);
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.MESSAGE_TOO_BIG);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: a 64-bit length with its most significant bit set is a protocol error")
    void sixtyFourBitLengthWithHighBitIsRefused() {
        FrameScanner scanner = new FrameScanner(Long.MAX_VALUE);
        byte[] header = {(byte) 0x82, (byte) 0xff, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0x37, (byte) 0xfa, 0x21, 0x3d};
        assertThat(scan(scanner, header)).isEqualTo(0);
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("TCP is a stream: a header split over reads is joined; payloads are skipped across reads")
    void headersAndPayloadsSpanReads() {
        FrameScanner scanner = new FrameScanner(1024);
        byte[] stream = concat(MASKED_HELLO, UNMASKED_HELLO);
        for (int i = 0; i < MASKED_HELLO.length + 1; i++) {
            assertThat(scanner.scan(k -> stream[k], i, i + 1)).as("byte %d", i).isEqualTo(-1);
        }
        // The unmasked frame's second byte arrives: the fault's frame began in an earlier read.
        int at = MASKED_HELLO.length + 1;
        assertThat(scanner.scan(k -> stream[k], at, at + 1)).isEqualTo(at);
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close without a code is noted, so the answer can be empty too")
    void emptyCloseIsNoted() {
        FrameScanner scanner = new FrameScanner(1024);
        assertThat(scan(scanner, MASKED_HELLO)).isEqualTo(-1);
        assertThat(scanner.emptyCloseSeen()).isFalse();
        assertThat(scan(scanner, new byte[] {(byte) 0x88, (byte) 0x80, 0x37, (byte) 0xfa, 0x21, 0x3d})).isEqualTo(-1);
        assertThat(scanner.emptyCloseSeen()).isTrue();
    }

    @Test
    @DisplayName("a Close with a code is not an empty Close")
    void closeWithCodeIsNotEmpty() {
        FrameScanner scanner = new FrameScanner(1024);
        // Close 1000, masked with 37 fa 21 3d: 03 e8 ^ 37 fa = 34 12
        assertThat(scan(scanner, new byte[] {(byte) 0x88, (byte) 0x82, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x34, 0x12}))
                .isEqualTo(-1);
        assertThat(scanner.emptyCloseSeen()).isFalse();
    }
}
