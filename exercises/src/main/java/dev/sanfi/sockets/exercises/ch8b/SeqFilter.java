package dev.sanfi.sockets.exercises.ch8b;

/**
 * Chapter 8b, exercise 1: exactly once to the member, from at least once on the wire. A member that
 * reconnects may get an event again (a resume replays everything after its {@code since}, and a
 * node may read the stream again after a failure); one that missed some sees a jump in the numbers.
 * Fed every {@code seq} in the order it arrives, this says which to show, which to skip, and where a
 * gap is. Pure: numbers in, verdicts out.
 */
public final class SeqFilter {

    /** What to do with one numbered event. */
    public enum Verdict {
        /** The next one: show it. */
        NEXT,
        /** At or below the last one shown: shown already, skip it. */
        SEEN,
        /** Above the next one expected: show it, and say that events before it were missed. */
        AFTER_A_GAP
    }

    private long last;

    /** @param lastSeq the {@code lastSeq} of the welcome: the next event carries {@code lastSeq + 1} */
    public SeqFilter(long lastSeq) {
        this.last = lastSeq;
    }

    public Verdict offer(long seq) {
        if (seq <= last) {
            return Verdict.SEEN;
        }
        Verdict verdict = seq == last + 1 ? Verdict.NEXT : Verdict.AFTER_A_GAP;
        last = seq;
        return verdict;
    }

    /** The last seq shown: the {@code since} to give when coming back. */
    public long since() {
        return last;
    }
}
