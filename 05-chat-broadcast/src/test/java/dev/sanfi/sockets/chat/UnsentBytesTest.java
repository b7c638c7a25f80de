package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsentBytesTest {

    private final UnsentBytes unsent = new UnsentBytes();

    @Test
    void everythingQueuedIsUnsentWhileTheQueueHoldsIt() {
        unsent.queued(100);
        unsent.queued(200);
        unsent.queued(300);

        assertThat(unsent.unsent(3)).isEqualTo(600);
    }

    @Test
    void theFramesTheSocketTookAreTheOldest() {
        unsent.queued(100);
        unsent.queued(200);
        unsent.queued(300);

        assertThat(unsent.unsent(2)).as("the 100-byte frame was written").isEqualTo(500);
        assertThat(unsent.unsent(0)).as("all written").isZero();
        unsent.queued(50);
        assertThat(unsent.unsent(1)).isEqualTo(50);
    }

    @Test
    void framesTheLibraryQueuedItselfOnlyMakeTheEstimateHigh() {
        unsent.queued(100);
        unsent.queued(200);

        // A Pong of the library's own sits in the queue too: 3 frames, 2 of them ours.
        assertThat(unsent.unsent(3)).isEqualTo(300);
        // The queue shrinking never brings back frames already forgotten.
        assertThat(unsent.unsent(1)).isEqualTo(200);
        assertThat(unsent.unsent(2)).isEqualTo(200);
    }
}
