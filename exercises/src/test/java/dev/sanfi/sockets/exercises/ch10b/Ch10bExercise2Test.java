package dev.sanfi.sockets.exercises.ch10b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.MemberName;
import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.AccessTokens.Check;
import dev.sanfi.sockets.chat.auth.TokenSecret;
import dev.sanfi.sockets.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 10b, exercise 2: a token lets in once, and is remembered only until it expires. */
class Ch10bExercise2Test {

    private static final MemberName ALICE = new MemberName("alice");
    private static final MemberName BOB = new MemberName("bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final AccessTokens tokens = new AccessTokens(
            TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), clock);

    @Test
    @DisplayName("a token lets in once; the second time, and in its other spelling, it is refused as used")
    void once() {
        OneUseTokens oneUse = new OneUseTokens(tokens, clock, 100);
        String token = tokens.issue(ALICE, Duration.ofMinutes(5));
        String nudged = token.substring(0, token.length() - 1) + (char) (token.charAt(token.length() - 1) + 1);
        assertThat(tokens.check(nudged)).as("the other spelling, checked as the chat checks it").isInstanceOf(Check.Valid.class);

        assertThat(oneUse.check(token)).isInstanceOf(Check.Valid.class);
        assertThat(oneUse.check(token)).isEqualTo(new Check.Refused(OneUseTokens.USED));
        assertThat(oneUse.check(nudged)).isEqualTo(new Check.Refused(OneUseTokens.USED));
    }

    @Test
    @DisplayName("a forged or expired token is refused as before, and not remembered")
    void forgedAndExpired() {
        OneUseTokens oneUse = new OneUseTokens(tokens, clock, 100);
        String token = tokens.issue(ALICE, Duration.ofMinutes(5));
        int dot = token.indexOf('.');
        String forged = token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? 'B' : 'A') + token.substring(dot + 2);
        assertThat(oneUse.check(forged)).isEqualTo(tokens.check(forged)).isInstanceOf(Check.Refused.class);

        clock.advance(Duration.ofMinutes(5));
        assertThat(oneUse.check(token)).isEqualTo(new Check.Refused("token expired"));
        assertThat(oneUse.remembered()).isZero();
    }

    @Test
    @DisplayName("a used token is forgotten once it expires, and is then refused as expired")
    void forgottenAtItsExpiry() {
        OneUseTokens oneUse = new OneUseTokens(tokens, clock, 100);
        String token = tokens.issue(ALICE, Duration.ofMinutes(5));
        oneUse.check(token);
        assertThat(oneUse.remembered()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        oneUse.check(tokens.issue(BOB, Duration.ofMinutes(5)));
        assertThat(oneUse.remembered()).as("bob's alone").isEqualTo(1);
        assertThat(oneUse.check(token)).isEqualTo(new Check.Refused("token expired"));
    }

    @Test
    @DisplayName("full: a new token is refused rather than an unexpired one forgotten, until one expires")
    void bounded() {
        OneUseTokens oneUse = new OneUseTokens(tokens, clock, 2);
        oneUse.check(tokens.issue(ALICE, Duration.ofMinutes(1)));
        oneUse.check(tokens.issue(BOB, Duration.ofMinutes(5)));
        String carol = tokens.issue(new MemberName("carol"), Duration.ofMinutes(5));

        assertThat(oneUse.check(carol)).isEqualTo(new Check.Refused(OneUseTokens.FULL));
        clock.advance(Duration.ofMinutes(1));
        assertThat(oneUse.check(carol)).isInstanceOf(Check.Valid.class);
        assertThat(oneUse.remembered()).isEqualTo(2);
    }

    @Test
    @DisplayName("two tokens for one name, issued in the same second for as long, are one token")
    void theSameSecond() {
        OneUseTokens oneUse = new OneUseTokens(tokens, clock, 100);
        String first = tokens.issue(ALICE, Duration.ofMinutes(5));
        clock.advance(Duration.ofMillis(999)); // from 12:00:00.000: the same second
        String second = tokens.issue(ALICE, Duration.ofMinutes(5));

        assertThat(second).isEqualTo(first);
        oneUse.check(first);
        assertThat(oneUse.check(second)).isEqualTo(new Check.Refused(OneUseTokens.USED));
    }
}
