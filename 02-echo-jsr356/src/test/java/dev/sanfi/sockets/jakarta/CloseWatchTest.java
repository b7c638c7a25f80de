package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloseWatchTest {

    /** A masked text frame "Hello" (RFC 6455 §5.7), then a masked empty Close. */
    private static final byte[] TEXT_THEN_CLOSE = {
            (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58,
            (byte) 0x88, (byte) 0x80, 0x01, 0x02, 0x03, 0x04};

    private static boolean feed(CloseWatch watch, byte[] bytes, int from, int to) {
        return watch.closeSeen(i -> bytes[i], from, to);
    }

    @Test
    void theRestOfTheFaultyFrameIsSkippedThenFramesAreFollowedToTheClose() {
        byte[] stream = new byte[3 + TEXT_THEN_CLOSE.length];
        stream[0] = (byte) 0x88; // payload bytes of the faulty frame that merely look like a Close
        System.arraycopy(TEXT_THEN_CLOSE, 0, stream, 3, TEXT_THEN_CLOSE.length);
        CloseWatch watch = new CloseWatch(3);

        assertThat(feed(watch, stream, 0, 3 + 11)).as("skipped bytes and a text frame are no Close").isFalse();
        assertThat(feed(watch, stream, 3 + 11, stream.length)).isTrue();
    }

    @Test
    void aFrameHeaderSplitAcrossReadsIsFollowed() {
        CloseWatch watch = new CloseWatch(0);

        assertThat(feed(watch, TEXT_THEN_CLOSE, 0, 1)).isFalse();
        assertThat(feed(watch, TEXT_THEN_CLOSE, 1, 7)).isFalse();
        assertThat(feed(watch, TEXT_THEN_CLOSE, 7, 11)).isFalse();
        assertThat(feed(watch, TEXT_THEN_CLOSE, 11, 12)).isTrue();
    }

    @Test
    void noCloseWithoutACloseFrame() {
        assertThat(feed(new CloseWatch(0), TEXT_THEN_CLOSE, 0, 11)).isFalse();
    }
}
