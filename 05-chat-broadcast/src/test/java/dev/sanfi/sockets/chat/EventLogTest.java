package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final MemberName ALICE = new MemberName("alice");

    private static ChatEvent.Message message(long seq, String text) {
        return new ChatEvent.Message(seq, ALICE, text, AT);
    }

    @Test
    void everythingAfterSinceInOrderAndNoGapWhileItIsKept() {
        EventLog log = new EventLog(3);
        for (long seq = 1; seq <= 5; seq++) {
            log.append(message(seq, "m" + seq));
        }
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.since(2, 5, Integer.MAX_VALUE)).isEqualTo(new EventLog.Replay(
                java.util.List.of(message(3, "m3"), message(4, "m4"), message(5, "m5")), false));
        assertThat(log.since(5, 5, Integer.MAX_VALUE).events()).isEmpty();
        assertThat(log.since(5, 5, Integer.MAX_VALUE).gap()).isFalse();
        assertThat(log.since(1, 5, Integer.MAX_VALUE).gap()).as("seq 2 was dropped").isTrue();
    }

    @Test
    void theNewestThatFitTheByteLimitWithAGap() {
        EventLog log = new EventLog(10);
        for (long seq = 1; seq <= 4; seq++) {
            log.append(message(seq, "x".repeat(100)));
        }
        int one = ChatCodec.encode(message(1, "x".repeat(100))).length() + 1;
        EventLog.Replay replay = log.since(0, 4, 2 * one);
        assertThat(replay.events()).extracting(ChatEvent.Sequenced::seq).containsExactly(3L, 4L);
        assertThat(replay.gap()).isTrue();
    }

    @Test
    void oneSequenceWithoutHoles() {
        EventLog log = new EventLog(10);
        log.append(message(1, "a"));
        assertThatThrownBy(() -> log.append(message(3, "c"))).isInstanceOf(IllegalArgumentException.class);
    }
}
