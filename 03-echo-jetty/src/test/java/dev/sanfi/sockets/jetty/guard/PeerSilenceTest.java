package dev.sanfi.sockets.jetty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.jetty.guard.PeerSilence.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerSilenceTest {

    private static final long MS = 1_000_000;
    private static final Duration PING = Duration.ofMillis(400);
    private static final Duration IDLE = Duration.ofMillis(1000);

    private static PeerSilence startedAtZero() {
        return new PeerSilence(PING, IDLE, 5, 0);
    }

    @Test
    void waitsThenPingsOnceThenClosesASilentPeer() {
        PeerSilence silence = startedAtZero();
        assertThat(silence.look(5, 399 * MS)).isEqualTo(Action.WAIT);
        assertThat(silence.look(5, 400 * MS)).isEqualTo(Action.PING);
        assertThat(silence.look(5, 700 * MS)).as("one Ping per silence").isEqualTo(Action.WAIT);
        assertThat(silence.look(5, 999 * MS)).isEqualTo(Action.WAIT);
        assertThat(silence.look(5, 1000 * MS)).isEqualTo(Action.CLOSE);
    }

    @Test
    void anyNewFrameEndsTheSilenceAndAllowsTheNextPing() {
        PeerSilence silence = startedAtZero();
        assertThat(silence.look(5, 400 * MS)).isEqualTo(Action.PING);
        assertThat(silence.look(6, 900 * MS)).as("a Pong, or any frame, is life").isEqualTo(Action.WAIT);
        assertThat(silence.look(6, 1200 * MS)).isEqualTo(Action.WAIT);
        assertThat(silence.look(6, 1300 * MS)).isEqualTo(Action.PING);
        assertThat(silence.look(6, 1899 * MS)).isEqualTo(Action.WAIT);
        assertThat(silence.look(6, 1900 * MS)).isEqualTo(Action.CLOSE);
    }

    @Test
    void looksAtLeastFourTimesPerIntervalAndNeverPastTheNextDeadline() {
        PeerSilence silence = startedAtZero();
        assertThat(silence.nanosToNextLook(0)).isEqualTo(100 * MS);
        assertThat(silence.nanosToNextLook(350 * MS)).as("the Ping is due at 400 ms").isEqualTo(50 * MS);
        silence.look(5, 400 * MS);
        assertThat(silence.nanosToNextLook(950 * MS)).as("the Close is due at 1000 ms").isEqualTo(50 * MS);
        assertThat(silence.nanosToNextLook(2000 * MS)).as("overdue: look at once").isEqualTo(1);
    }
}
