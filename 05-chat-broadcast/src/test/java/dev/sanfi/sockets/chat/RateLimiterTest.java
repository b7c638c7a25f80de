package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock, 20, 40);

    @Test
    void aBurstOf40ThenNothingUntilTimePasses() {
        for (int i = 0; i < 40; i++) {
            assertThat(limiter.tryAcquire()).as("message %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire()).isFalse();
        clock.advance(Duration.ofMillis(49));
        assertThat(limiter.tryAcquire()).as("a token takes 50 ms").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void twentyASecondForever() {
        for (int i = 0; i < 40; i++) {
            limiter.tryAcquire();
        }
        for (int second = 0; second < 5; second++) {
            clock.advance(Duration.ofSeconds(1));
            int accepted = 0;
            while (limiter.tryAcquire()) {
                accepted++;
            }
            assertThat(accepted).isEqualTo(20);
        }
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        clock.advance(Duration.ofHours(1));
        int accepted = 0;
        while (limiter.tryAcquire()) {
            accepted++;
        }
        assertThat(accepted).isEqualTo(40);
    }

    @Test
    void aClockSteppingBackRefillsNothing() {
        for (int i = 0; i < 40; i++) {
            limiter.tryAcquire();
        }
        clock.advance(Duration.ofSeconds(-10));
        assertThat(limiter.tryAcquire()).isFalse();
    }
}
