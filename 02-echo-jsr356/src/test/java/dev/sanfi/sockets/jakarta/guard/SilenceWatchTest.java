package dev.sanfi.sockets.jakarta.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The keepalive's decisions on a clock the test moves by hand: the test calls {@code check()} itself;
 * the watch's own timer is set far in the future (an hour of real time) so it never interferes.
 */
class SilenceWatchTest {

    private static final Duration PING = Duration.ofHours(1);
    private static final Duration IDLE = Duration.ofHours(3);

    private final AtomicLong now = new AtomicLong();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final LastHeard lastHeard = new LastHeard(now::get);
    private ScheduledExecutorService timer;
    private SilenceWatch watch;

    @BeforeEach
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor();
        watch = new SilenceWatch(recordingPeer(), timer, PING, IDLE, lastHeard);
        watch.start();
    }

    @AfterEach
    void stop() {
        watch.stop();
        timer.shutdownNow();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    @DisplayName("nothing is sent while the peer has been silent for less than the ping interval")
    void quietBeforeThePingInterval() {
        advance(PING.minusSeconds(1));
        watch.check();
        assertThat(sent).isEmpty();
    }

    @Test
    @DisplayName("silent for the ping interval: one Ping, not one per check")
    void onePingAfterThePingInterval() {
        advance(PING);
        watch.check();
        watch.check();
        assertThat(sent).containsExactly("ping:keepalive");
    }

    @Test
    @DisplayName("hearing from the peer starts the silence over, and allows the next Ping")
    void hearingResetsTheSilence() {
        advance(PING);
        watch.check();
        advance(Duration.ofMinutes(1));
        lastHeard.heard();
        advance(PING.minusSeconds(1));
        watch.check();
        assertThat(sent).containsExactly("ping:keepalive");
        advance(Duration.ofSeconds(1));
        watch.check();
        assertThat(sent).containsExactly("ping:keepalive", "ping:keepalive");
    }

    @Test
    @DisplayName("silent for the idle timeout, Ping unanswered: Close 1001 Going Away")
    void closeWithGoingAwayAfterTheIdleTimeout() {
        advance(PING);
        watch.check();
        advance(IDLE.minus(PING));
        watch.check();
        assertThat(sent).containsExactly("ping:keepalive", "close:1001");
    }

    @Test
    @DisplayName("contract §2: a peer heard from now and then (its own Pings, say) is neither pinged nor closed")
    void aPeerHeardFromStaysOpen() {
        for (int i = 0; i < 10; i++) {
            advance(PING.minusSeconds(1));
            lastHeard.heard();
            watch.check();
        }
        assertThat(Duration.ofNanos(now.get())).isGreaterThan(IDLE.multipliedBy(2));
        assertThat(sent).isEmpty();
    }

    @Test
    @DisplayName("a peer that answers nothing but is heard from after the Ping is not closed at the old silence's timeout")
    void hearingAfterThePingDefersTheClose() {
        advance(PING);
        watch.check();
        advance(IDLE.minus(PING).minusSeconds(1));
        lastHeard.heard();
        advance(Duration.ofSeconds(1));
        watch.check();
        assertThat(sent).containsExactly("ping:keepalive");
        advance(PING.minusSeconds(1));
        watch.check();
        assertThat(sent).as("a new silence, a new Ping").containsExactly("ping:keepalive", "ping:keepalive");
        advance(IDLE.minus(PING));
        watch.check();
        assertThat(sent).containsExactly("ping:keepalive", "ping:keepalive", "close:1001");
    }

    /** A peer that records the Pings and Closes the watch sends it. */
    private SilenceWatch.Peer recordingPeer() {
        return new SilenceWatch.Peer() {
            @Override
            public void ping(byte[] payload) {
                sent.add("ping:" + new String(payload, StandardCharsets.US_ASCII));
            }

            @Override
            public void goAway(String reason) {
                sent.add("close:1001");
            }
        };
    }
}
