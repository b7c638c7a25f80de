package dev.sanfi.sockets.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginPolicyTest {

    private final OriginPolicy sameOrigin = OriginPolicy.sameOrigin();

    @Test
    void aClientWithoutOriginIsNotABrowserAndIsAllowed() {
        assertThat(sameOrigin.allows(null, "localhost:8081")).isTrue();
    }

    @ParameterizedTest(name = "Origin {0} with Host {1}")
    @CsvSource({
            "http://localhost:8081, localhost:8081",
            "HTTP://LocalHost:8081, localhost:8081",
            "http://example.com, example.com",
            "http://example.com:80, example.com",
            "https://example.com, example.com:443",
            "http://[::1]:8081, [::1]:8081",
    })
    void theServersOwnPageIsAllowed(String origin, String host) {
        assertThat(sameOrigin.allows(origin, host)).isTrue();
    }

    @ParameterizedTest(name = "Origin {0} with Host {1}")
    @CsvSource({
            "http://evil.example, localhost:8081",
            "http://localhost:8082, localhost:8081",
            "http://localhost.evil.example:8081, localhost:8081",
            "null, localhost:8081",
            "file://, localhost:8081",
            "not an origin, localhost:8081",
            "http://localhost:8081/page, localhost:8081",
    })
    void foreignOrMalformedOriginsAreRefused(String origin, String host) {
        assertThat(sameOrigin.allows(origin, host)).isFalse();
    }

    @Test
    void aBrowserOriginWithoutHostHeaderIsRefused() {
        assertThat(sameOrigin.allows("http://localhost:8081", null)).isFalse();
    }

    @Test
    void listedOriginsAreAllowedBesideTheOwnOne() {
        OriginPolicy policy = OriginPolicy.allowing(List.of("http://localhost:3000", "https://app.example"));

        assertThat(policy.allows("http://localhost:3000", "localhost:8081")).isTrue();
        assertThat(policy.allows("https://app.example:443", "localhost:8081")).isTrue();
        assertThat(policy.allows("http://localhost:8081", "localhost:8081")).isTrue();
        assertThat(policy.allows("http://localhost:3001", "localhost:8081")).isFalse();
        assertThat(policy.allowedOrigins()).containsExactly("http://localhost:3000", "https://app.example:443");
    }

    @Test
    void aStarTurnsTheCheckOff() {
        OriginPolicy policy = OriginPolicy.allowing(List.of("*"));

        assertThat(policy.allowsAnyOrigin()).isTrue();
        assertThat(policy.allows("http://evil.example", "localhost:8081")).isTrue();
        assertThat(OriginPolicy.anyOrigin().allows("null", null)).isTrue();
    }

    @Test
    void theLiteralNullOriginIsAllowedOnlyWhenListed() {
        assertThat(OriginPolicy.allowing(List.of("null")).allows("null", "localhost:8081")).isTrue();
    }

    @Test
    void aValueThatIsNotAnOriginIsRejectedWithItsName() {
        assertThatThrownBy(() -> OriginPolicy.allowing(List.of("localhost:3000/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:3000/x");
    }
}
