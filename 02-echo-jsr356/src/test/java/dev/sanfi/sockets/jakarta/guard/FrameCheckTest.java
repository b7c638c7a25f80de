package dev.sanfi.sockets.jakarta.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.jakarta.tuning.UnmaskedFrames;
import dev.sanfi.sockets.raw.Frame;
import dev.sanfi.sockets.raw.Opcode;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The checks Tyrus lacks, on literal bytes (RFC 6455 §5.7 examples, mask key 37 fa 21 3d): what
 * chapter 3's parser finds, and how much of each read may go on to Tyrus.
 */
class FrameCheckTest {

    /** RFC 6455 §5.7: a single-frame masked text message, "Hello". */
    private static final byte[] MASKED_HELLO = {
        (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};

    /** RFC 6455 §5.7: the same message unmasked, as a server would send it. */
    private static final byte[] UNMASKED_HELLO = {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};

    /** "He", 0xFF (never UTF-8), "lo": 48 65 ff 6c 6f masked = 7f 9f de 51 58. */
    private static final byte[] MASKED_TEXT_WITH_FF = {
        (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, (byte) 0xde, 0x51, 0x58};

    private static FrameCheck.Verdict check(FrameCheck check, byte[] bytes, int from, int to) {
        return check.check(ByteBuffer.wrap(bytes, from, to - from));
    }

    private static FrameCheck.Verdict check(FrameCheck check, byte[] bytes) {
        return check(check, bytes, 0, bytes.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a masked frame passes whole")
    void maskedFramePasses() {
        assertThat(check(new FrameCheck(1024), MASKED_HELLO)).isEqualTo(new FrameCheck.Verdict(MASKED_HELLO.length, null));
    }

    @Test
    @DisplayName("RFC 6455 §5.1: an unmasked client frame is a protocol error, 1002")
    void unmaskedFrameIsRefused() {
        FrameCheck.Verdict verdict = check(new FrameCheck(1024), UNMASKED_HELLO);
        assertThat(verdict.passBytes()).isZero();
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: the frames before the faulty one pass, the faulty one does not")
    void framesBeforeTheFaultPass() {
        FrameCheck.Verdict verdict = check(new FrameCheck(1024), concat(MASKED_HELLO, MASKED_HELLO, UNMASKED_HELLO));
        assertThat(verdict.passBytes()).isEqualTo(2 * MASKED_HELLO.length);
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 6455 §5.7: a 256-byte binary frame (16-bit length) over a 255-byte limit is 1009 from its header alone")
    void frameOverTheLimitIsRefusedFromItsHeader() {
        byte[] header = {(byte) 0x82, (byte) 0xfe, 0x01, 0x00, 0x37, (byte) 0xfa, 0x21, 0x3d};
        FrameCheck.Verdict verdict = check(new FrameCheck(255), header);
        assertThat(verdict.passBytes()).isZero();
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    @DisplayName("RFC 6455 §5.4: fragments that add up to more than the limit are 1009, though each is under it")
    void fragmentsOverTheLimitAreRefused() {
        // "Hel" not final, then "lo" final: 5 bytes against a limit of 4.
        byte[] first = {0x01, (byte) 0x83, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d};
        byte[] last = {(byte) 0x80, (byte) 0x82, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x5b, (byte) 0x95};
        FrameCheck check = new FrameCheck(4);
        assertThat(check(check, first)).isEqualTo(new FrameCheck.Verdict(first.length, null));
        assertThat(check(check, last).fault().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    @DisplayName("TCP is a stream: a frame byte by byte passes byte by byte; a fault's frame begun in an earlier read passes nothing")
    void framesSpanReads() {
        FrameCheck check = new FrameCheck(1024);
        byte[] stream = concat(MASKED_HELLO, UNMASKED_HELLO);
        for (int i = 0; i < MASKED_HELLO.length + 1; i++) {
            assertThat(check(check, stream, i, i + 1)).as("byte %d", i).isEqualTo(new FrameCheck.Verdict(1, null));
        }
        int at = MASKED_HELLO.length + 1; // the unmasked frame's second byte
        FrameCheck.Verdict verdict = check(check, stream, at, at + 1);
        assertThat(verdict.passBytes()).isZero();
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 6455 §8.1 fail-fast: invalid UTF-8 is 1007 as soon as the bad byte arrives, before the frame ends")
    void invalidUtf8IsRefusedMidFrame() {
        FrameCheck check = new FrameCheck(1024);
        assertThat(check(check, MASKED_TEXT_WITH_FF, 0, 8)).isEqualTo(new FrameCheck.Verdict(8, null));
        FrameCheck.Verdict verdict = check(check, MASKED_TEXT_WITH_FF, 8, 9);
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    @DisplayName("the same bytes in a binary frame are not text, and pass")
    void binaryPayloadIsNotChecked() {
        byte[] binary = MASKED_TEXT_WITH_FF.clone();
        binary[0] = (byte) 0x82;
        assertThat(check(new FrameCheck(1024), binary).fault()).isNull();
    }

    @Test
    @DisplayName("a character split between fragments, with a Ping between them, is valid")
    void characterSplitAcrossFragmentsPasses() {
        // "κ" = ce ba: text, not final, ce (^37 = f9); a Ping ff (^37 = c8); continuation, final, ba (^37 = 8d).
        byte[] stream = {
            0x01, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xf9,
            (byte) 0x89, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xc8,
            (byte) 0x80, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0x8d};
        assertThat(check(new FrameCheck(1024), stream)).isEqualTo(new FrameCheck.Verdict(stream.length, null));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a continuation with no message started is 1002 (chapter 3's assembler finds it)")
    void strayContinuationIsRefused() {
        byte[] stray = {(byte) 0x80, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, (byte) 0xc8};
        assertThat(check(new FrameCheck(1024), stray).fault().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a 1-byte Close payload is 1002, and the Close does not pass")
    void oneByteClosePayloadIsRefused() {
        byte[] close = {(byte) 0x88, (byte) 0x81, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x34};
        FrameCheck.Verdict verdict = check(new FrameCheck(1024), concat(MASKED_HELLO, close));
        assertThat(verdict.passBytes()).isEqualTo(MASKED_HELLO.length);
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close without a code is noted, so the answer can be empty too")
    void emptyCloseIsNoted() {
        FrameCheck check = new FrameCheck(1024);
        check(check, MASKED_HELLO);
        assertThat(check.emptyCloseSeen()).isFalse();
        check(check, new byte[] {(byte) 0x88, (byte) 0x80, 0x37, (byte) 0xfa, 0x21, 0x3d});
        assertThat(check.emptyCloseSeen()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the client's Close passes; what follows it does not, and is no fault")
    void nothingPassesAfterTheClientsClose() {
        // Close 1000, masked: 03 e8 ^ 37 fa = 34 12
        byte[] close = {(byte) 0x88, (byte) 0x82, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x34, 0x12};
        FrameCheck check = new FrameCheck(1024);
        assertThat(check(check, concat(close, MASKED_HELLO))).isEqualTo(new FrameCheck.Verdict(close.length, null));
        assertThat(check.emptyCloseSeen()).isFalse();
        assertThat(check(check, UNMASKED_HELLO)).isEqualTo(new FrameCheck.Verdict(0, null));
    }

    /** What Tyrus is given instead of the client's bytes, when no compression was agreed. */
    private static byte[] forTyrus(FrameCheck check) {
        ByteBuffer out = UnmaskedFrames.write(check.passedFrames());
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    @Test
    @DisplayName("RFC 6455 §5.7: what passes goes on unmasked — the masked \"Hello\" as 81 05 48 65 6c 6c 6f")
    void passedFramesAreUnmasked() {
        FrameCheck check = new FrameCheck(1024);
        check(check, concat(MASKED_HELLO, MASKED_HELLO));
        assertThat(forTyrus(check)).isEqualTo(concat(UNMASKED_HELLO, UNMASKED_HELLO));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a frame split between reads goes on as fragments of the same message")
    void aSplitFrameGoesOnInPieces() {
        FrameCheck check = new FrameCheck(1024);
        check(check, MASKED_HELLO, 0, 8);                     // header, key, "He"
        assertThat(forTyrus(check)).containsExactly(0x01, 0x02, 'H', 'e');
        check(check, MASKED_HELLO, 8, MASKED_HELLO.length);   // "llo"
        assertThat(forTyrus(check)).containsExactly(0x80, 0x03, 'l', 'l', 'o');
    }

    @Test
    @DisplayName("the frames of a read up to the faulty one go on, none of the faulty one")
    void passedFramesStopAtTheFault() {
        FrameCheck check = new FrameCheck(1024);
        FrameCheck.Verdict verdict = check(check, concat(MASKED_HELLO, MASKED_TEXT_WITH_FF));
        assertThat(verdict.fault().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        assertThat(check.passedFrames()).extracting(Frame::opcode).containsExactly(Opcode.TEXT);
        assertThat(forTyrus(check)).isEqualTo(UNMASKED_HELLO);
    }
}
