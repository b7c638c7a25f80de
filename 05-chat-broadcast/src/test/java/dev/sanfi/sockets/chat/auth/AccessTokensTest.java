package dev.sanfi.sockets.chat.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.chat.MemberName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Making and checking tokens, at instants the test names: no sockets, no waiting. */
class AccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final TokenSecret SECRET = TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final MemberName ALICE = new MemberName("alice");

    private static AccessTokens at(Instant instant) {
        return new AccessTokens(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void aTokenNamesItsMemberUntilTheSecondItExpires() {
        String token = at(NOW).issue(ALICE, Duration.ofMinutes(60));

        assertThat(at(NOW).check(token)).isEqualTo(new AccessTokens.Check.Valid(ALICE, NOW.plusSeconds(3600)));
        assertThat(at(NOW.plusSeconds(3599)).check(token)).isInstanceOf(AccessTokens.Check.Valid.class);
        assertThat(at(NOW.plusSeconds(3600)).check(token)).isEqualTo(new AccessTokens.Check.Refused("token expired"));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsInvalid() {
        TokenSecret other = TokenSecret.of("another secret, 32 bytes or more.".getBytes(StandardCharsets.US_ASCII));
        String forged = new AccessTokens(other, Clock.fixed(NOW, ZoneOffset.UTC)).issue(ALICE, Duration.ofMinutes(5));

        assertThat(at(NOW).check(forged)).isEqualTo(new AccessTokens.Check.Refused("invalid token"));
    }

    @Test
    void aChangedNameOrExpiryBreaksTheSignature() {
        String token = at(NOW).issue(ALICE, Duration.ofMinutes(5));
        String signature = token.substring(token.indexOf('.'));
        for (String claims : new String[] {"bob:" + NOW.plusSeconds(300).getEpochSecond(), "alice:" + NOW.plusSeconds(86_400).getEpochSecond()}) {
            String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.US_ASCII)) + signature;

            assertThat(at(NOW).check(changed)).isEqualTo(new AccessTokens.Check.Refused("invalid token"));
        }
    }

    @Test
    void onlyAGenuineTokenIsToldItExpired() {
        TokenSecret other = TokenSecret.of("another secret, 32 bytes or more.".getBytes(StandardCharsets.US_ASCII));
        String forgedAndOld = new AccessTokens(other, Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC)).issue(ALICE, Duration.ofHours(1));

        assertThat(at(NOW).check(forgedAndOld)).isEqualTo(new AccessTokens.Check.Refused("invalid token"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"no-dot", "a.b.c", "!!!.!!!", "YWxpY2U6MQ.", ".c2lnbmF0dXJl", "alice"})
    void whatIsNotATokenIsInvalid(String text) {
        assertThat(at(NOW).check(text)).isEqualTo(new AccessTokens.Check.Refused("invalid token"));
    }

    @Test
    void aTooLongTokenIsRefusedBeforeItIsRead() {
        assertThat(at(NOW).check("a".repeat(AccessTokens.MAX_TOKEN_CHARS + 1) + ".b"))
                .isEqualTo(new AccessTokens.Check.Refused("invalid token"));
    }

    @Test
    void aTokenIsValidForASecondToAWeek() {
        assertThat(at(NOW).check(at(NOW).issue(ALICE, AccessTokens.MAX_LIFETIME))).isInstanceOf(AccessTokens.Check.Valid.class);
        assertThatThrownBy(() -> at(NOW).issue(ALICE, AccessTokens.MAX_LIFETIME.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 days");
        assertThatThrownBy(() -> at(NOW).issue(ALICE, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretIsTheFilesLineAtLeast32BytesLongAndNeverPrinted(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("chat.secret"), "0123456789abcdef0123456789abcdef\n");
        TokenSecret secret = TokenSecret.read(file);

        assertThat(secret).isEqualTo(SECRET).hasToString("TokenSecret[hidden]");
        Files.writeString(file, "too short\n");
        assertThatThrownBy(() -> TokenSecret.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9 bytes, at least 32");
    }
}
