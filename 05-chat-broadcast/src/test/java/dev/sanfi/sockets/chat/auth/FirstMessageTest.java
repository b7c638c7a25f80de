package dev.sanfi.sockets.chat.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.MemberName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a connection's first message decides, when the chat asks for a token. */
class FirstMessageTest {

    private static final AccessTokens TOKENS = new AccessTokens(
            TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)),
            Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));
    private static final String ALICE = TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(5));

    @Test
    void aValidTokenAdmitsTheMemberItNames() {
        assertThat(FirstMessage.decide(FirstMessage.encode(ALICE), null, TOKENS))
                .isEqualTo(new FirstMessage.Admission.Admitted(new MemberName("alice")));
        assertThat(FirstMessage.decide(FirstMessage.encode(ALICE), "alice", TOKENS))
                .isEqualTo(new FirstMessage.Admission.Admitted(new MemberName("alice")));
    }

    @Test
    void theClientsMessageIsTheJsonOfTheProtocol() {
        assertThat(FirstMessage.encode("T")).isEqualTo("{\"type\":\"auth\",\"token\":\"T\"}");
    }

    @Test
    void aTokenForAnotherNameThanTheUrlsIsRefused() {
        assertThat(FirstMessage.decide(FirstMessage.encode(ALICE), "bob", TOKENS))
                .isEqualTo(new FirstMessage.Admission.Refused("the token is for alice, not for the name in the URL"));
    }

    @Test
    void aBadTokenIsRefusedWithTheCheckersReason() {
        assertThat(FirstMessage.decide(FirstMessage.encode(ALICE + "x"), null, TOKENS))
                .isEqualTo(new FirstMessage.Admission.Refused("invalid token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"message\",\"text\":\"hi\"}", "{\"type\":\"auth\"}", "{\"type\":\"auth\",\"token\":42}",
            "not json", "[\"auth\"]", "{}"})
    void anythingButAnAuthMessageFirstIsRefused(String text) {
        assertThat(FirstMessage.decide(text, null, TOKENS)).isEqualTo(new FirstMessage.Admission.Refused(FirstMessage.REQUIRED));
    }

    @Test
    void aBinaryFirstMessageIsRefused() {
        assertThat(FirstMessage.decide(null, null, TOKENS)).isEqualTo(new FirstMessage.Admission.Refused(FirstMessage.REQUIRED));
    }

    @Test
    void everyReasonFitsInACloseFrame() {
        // RFC 6455 §5.5: a control frame's payload is at most 125 bytes, 2 of them the code.
        assertThat(FirstMessage.REQUIRED.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        String longest = "the token is for " + "a".repeat(MemberName.MAX_LENGTH) + ", not for the name in the URL";
        assertThat(longest.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }
}
