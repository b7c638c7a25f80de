package dev.sanfi.sockets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChatLoadTest {

    @Test
    @DisplayName("the join limit grows with the N²/2 deliveries of N joins: 120 s for a few, 620 s for 10,000")
    void theJoinLimitGrowsWithTheDeliveries() {
        assertThat(TimeUnit.NANOSECONDS.toSeconds(ChatLoad.joinTimeoutNanos(100))).isEqualTo(120);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(ChatLoad.joinTimeoutNanos(1_000))).isEqualTo(125);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(ChatLoad.joinTimeoutNanos(10_000))).isEqualTo(620);
    }
}
