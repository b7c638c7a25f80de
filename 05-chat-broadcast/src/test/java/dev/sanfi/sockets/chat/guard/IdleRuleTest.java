package dev.sanfi.sockets.chat.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.chat.guard.IdleRule.Action;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdleRuleTest {

    private final IdleRule rule = new IdleRule(Duration.ofSeconds(20), Duration.ofSeconds(60));

    private Action decide(int sinceHeard, int sincePinged) {
        return rule.decide(Duration.ofSeconds(sinceHeard), Duration.ofSeconds(sincePinged));
    }

    @Test
    @DisplayName("silence shorter than the ping interval: nothing")
    void shortSilence() {
        assertThat(decide(19, 19)).isEqualTo(Action.NOTHING);
    }

    @Test
    @DisplayName("a ping interval of silence: a Ping; then another only a ping interval after it")
    void pingAfterSilence() {
        assertThat(decide(20, 20)).isEqualTo(Action.PING);
        assertThat(decide(25, 5)).as("pinged 5 s ago").isEqualTo(Action.NOTHING);
        assertThat(decide(40, 20)).isEqualTo(Action.PING);
    }

    @Test
    @DisplayName("the idle timeout of silence: Close, whatever was pinged")
    void closeAtTheIdleTimeout() {
        assertThat(decide(60, 0)).isEqualTo(Action.CLOSE);
        assertThat(decide(59, 0)).isEqualTo(Action.NOTHING);
    }

    @Test
    @DisplayName("the ping interval must be shorter than the idle timeout")
    void pingBeforeIdle() {
        assertThatThrownBy(() -> new IdleRule(Duration.ofSeconds(60), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
