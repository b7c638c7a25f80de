package dev.sanfi.sockets.spring.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PeerSilenceTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    @DisplayName("no Ping before the ping interval of silence, one at it, and no second for the same silence")
    void onePingPerSilence() {
        PeerSilence silence = new PeerSilence(Duration.ofSeconds(20), 0);
        assertThat(silence.pingDue(19 * SECOND)).isFalse();
        assertThat(silence.pingDue(20 * SECOND)).isTrue();
        assertThat(silence.pingDue(39 * SECOND)).isFalse();
        assertThat(silence.pingDue(60 * SECOND)).isFalse();
    }

    @Test
    @DisplayName("hearing the peer starts the silence anew and allows the next Ping")
    void hearingThePeerRestartsTheSilence() {
        PeerSilence silence = new PeerSilence(Duration.ofSeconds(20), 0);
        silence.heard(15 * SECOND);
        assertThat(silence.pingDue(30 * SECOND)).isFalse();
        assertThat(silence.pingDue(35 * SECOND)).isTrue();
        silence.heard(36 * SECOND);
        assertThat(silence.pingDue(56 * SECOND)).isTrue();
    }
}
