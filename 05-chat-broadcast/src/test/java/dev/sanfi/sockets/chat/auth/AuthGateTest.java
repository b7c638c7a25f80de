package dev.sanfi.sockets.chat.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.chat.MemberName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The state before authentication: the first message or the deadline decides, once. */
class AuthGateTest {

    private static final AccessTokens TOKENS = new AccessTokens(
            TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), Clock.systemUTC());

    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private final List<String> refused = new CopyOnWriteArrayList<>();

    {
        timers.setRemoveOnCancelPolicy(true); // so that the queue shows which deadlines are still set
    }

    private AuthGate<String> gate(Duration deadline) {
        return new AuthGate<>(new Authentication(TOKENS, deadline), timers, (connection, reason) -> refused.add(connection + ": " + reason));
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void aFirstMessageBeforeTheDeadlineDecidesAndClearsTheDeadline() {
        AuthGate<String> gate = gate(Duration.ofMinutes(1));
        gate.opened("c1", null);
        assertThat(gate.isWaiting("c1")).isTrue();
        assertThat(timers.getQueue()).hasSize(1);

        assertThat(gate.firstMessage("c1", FirstMessage.encode(TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(1)))))
                .contains(new FirstMessage.Admission.Admitted(new MemberName("alice")));
        assertThat(gate.isWaiting("c1")).isFalse();
        assertThat(timers.getQueue()).isEmpty();
    }

    @Test
    void silenceUntilTheDeadlineIsRefusedOnceAndALateMessageDecidesNothing() {
        AuthGate<String> gate = gate(Duration.ofMillis(50));
        gate.opened("c1", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> !refused.isEmpty());
        assertThat(refused).containsExactly("c1: authentication timeout");
        assertThat(gate.isWaiting("c1")).isFalse();
        assertThat(gate.firstMessage("c1", "{\"type\":\"auth\",\"token\":\"late\"}")).isEmpty();
    }

    @Test
    void aConnectionThatClosesWaitsNoLonger() {
        AuthGate<String> gate = gate(Duration.ofMinutes(1));
        gate.opened("c1", "alice");
        gate.closed("c1");

        assertThat(gate.isWaiting("c1")).isFalse();
        assertThat(timers.getQueue()).isEmpty();
        assertThat(refused).isEmpty();
    }
}
