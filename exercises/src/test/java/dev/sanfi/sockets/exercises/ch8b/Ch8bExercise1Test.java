package dev.sanfi.sockets.exercises.ch8b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.exercises.ch8b.SeqFilter.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 8b, exercise 1: exactly once to the member, whatever comes twice; a jump is a gap. */
class Ch8bExercise1Test {

    @Test
    @DisplayName("after a welcome with lastSeq 41: 42 shown, 42 again skipped, 41 skipped, 45 shown after a gap")
    void theVerdicts() {
        SeqFilter filter = new SeqFilter(41);
        List<Verdict> verdicts = new ArrayList<>();
        for (long seq : new long[] {42, 42, 43, 41, 45, 46}) {
            verdicts.add(filter.offer(seq));
        }
        assertThat(verdicts).containsExactly(Verdict.NEXT, Verdict.SEEN, Verdict.NEXT, Verdict.SEEN,
                Verdict.AFTER_A_GAP, Verdict.NEXT);
        assertThat(filter.since()).as("what to give as since when coming back").isEqualTo(46);
    }

    @Test
    @DisplayName("a resume that replays what was seen already: the replay is skipped up to the last one shown")
    void aReplay() {
        SeqFilter filter = new SeqFilter(10);
        filter.offer(11);
        filter.offer(12);
        // Came back with since = 11 (the page saved it before 12 arrived): the welcome replays 12 and 13.
        assertThat(filter.offer(12)).isEqualTo(Verdict.SEEN);
        assertThat(filter.offer(13)).isEqualTo(Verdict.NEXT);
    }
}
