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

    // UTF-8, checked as the bytes arrive (RFC 6455 §8.1). Payloads masked with 37 fa 21 3d, as in §5.7.

    /** "He", 0xFF (never UTF-8), "lo": 48 65 ff 6c 6f masked = 7f 9f de 51 58. */
    private static final byte[] MASKED_TEXT_WITH_FF = {
        (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, (byte) 0xde, 0x51, 0x58};

    @Test
    @DisplayName("RFC 6455 §8.1 fail-fast: invalid UTF-8 is 1007 as soon as the bad byte arrives, before the frame ends")
    void invalidUtf8IsRefusedMidFrame() {
        FrameScanner scanner = new FrameScanner(1024);
        // The header and "He" pass; the frame is not over when 0xFF arrives.
        assertThat(scanner.scan(i -> MASKED_TEXT_WITH_FF[i], 0, 8)).isEqualTo(-1);
        assertThat(scanner.scan(i -> MASKED_TEXT_WITH_FF[i], 8, 9)).as("the frame began in an earlier read").isEqualTo(8);
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.INVALID_PAYLOAD);
    }

    @Test
    @DisplayName("the same bytes in a binary frame are not text, and pass")
    void binaryPayloadIsNotChecked() {
        byte[] binary = MASKED_TEXT_WITH_FF.clone();
        binary[0] = (byte) 0x82;
        assertThat(scan(new FrameScanner(1024), binary)).isEqualTo(-1);
    }

    @Test
    @DisplayName("a character split between fragments, with a Ping between them, is valid: state is carried per message")
    void characterSplitAcrossFragmentsPasses() {
        // "κ" = ce ba: text, not final, payload ce (^37 = f9); a Ping "ÿ" (ff ^ 37 = c8, not text);
        // continuation, final, payload ba (^37 = 8d).
        byte[] stream = {
            0x01, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xf9,
            (byte) 0x89, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xc8,
            (byte) 0x80, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0x8d};
        assertThat(scan(new FrameScanner(1024), stream)).isEqualTo(-1);
    }

    @Test
    @DisplayName("a text message that ends inside a character is 1007 at its last frame")
    void messageEndingInsideACharacterIsRefused() {
        FrameScanner scanner = new FrameScanner(1024);
        // "Hello" passes; then a final text frame whose only byte is ce, the first half of "κ".
        byte[] stream = concat(MASKED_HELLO, new byte[] {(byte) 0x81, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xf9});
        assertThat(scan(scanner, stream)).isEqualTo(MASKED_HELLO.length);
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.INVALID_PAYLOAD);
    }

    @Test
    @DisplayName("RFC 3629: an overlong form (c0 af) and a surrogate (ed a0 80) are not UTF-8")
    void overlongAndSurrogateAreRefused() {
        // c0 af ^ 37 fa = f7 55; ed a0 80 ^ 37 fa 21 = da 5a a1
        byte[] overlong = {(byte) 0x81, (byte) 0x82, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xf7, 0x55};
        byte[] surrogate = {(byte) 0x81, (byte) 0x83, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xda, 0x5a, (byte) 0xa1};
        for (byte[] frame : new byte[][] {overlong, surrogate}) {
            FrameScanner scanner = new FrameScanner(1024);
            assertThat(scan(scanner, frame)).isZero();
            assertThat(scanner.fault().code()).isEqualTo(FrameScanner.INVALID_PAYLOAD);
        }
    }

    @Test
    @DisplayName("a frame Tyrus fails with 1002 (a continuation with no message) is left to Tyrus, not checked as text")
    void frameTyrusRefusesIsNotChecked() {
        // A final continuation, no message started, payload ff (^37 = c8): Tyrus's 1002, not our 1007.
        byte[] stray = {(byte) 0x80, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xc8};
        assertThat(scan(new FrameScanner(1024), stray)).isEqualTo(-1);
    }

    @Test
    void afterAFaultTheCloseWatchTakesUpBehindTheFaultyFrame() {
        byte[] close = {(byte) 0x88, (byte) 0x80, 0x01, 0x02, 0x03, 0x04};
        byte[] stream = concat(MASKED_HELLO, close);
        FrameScanner scanner = new FrameScanner(4); // "Hello" is one byte over

        assertThat(scan(scanner, stream)).isZero();
        assertThat(scanner.fault().code()).isEqualTo(FrameScanner.MESSAGE_TOO_BIG);
        assertThat(scanner.resumeAt()).as("just past the header and the mask key").isEqualTo(6);
        CloseWatch watch = scanner.closeWatch();
        assertThat(watch.closeSeen(i -> stream[i], scanner.resumeAt(), MASKED_HELLO.length)).isFalse();
        assertThat(watch.closeSeen(i -> stream[i], MASKED_HELLO.length, stream.length)).isTrue();
    }
}
