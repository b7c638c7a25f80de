package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.OriginPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageOriginTest {

    private final PageOrigin sameOrigin = new PageOrigin(OriginPolicy.sameOrigin(), 8085);

    @Test
    void theChatPageOnTheHostTheBrowserUsedIsAllowed() {
        assertThat(sameOrigin.allows("http://localhost:8085", "localhost:8086")).isTrue();
        assertThat(sameOrigin.allows("http://127.0.0.1:8085", "127.0.0.1:8086")).isTrue();
        assertThat(sameOrigin.allows("http://[::1]:8085", "[::1]:8086")).isTrue();
    }

    @Test
    void noOriginIsANonBrowserClient() {
        assertThat(sameOrigin.allows(null, "localhost:8086")).isTrue();
        assertThat(sameOrigin.allows("", "localhost:8086")).isTrue();
    }

    @Test
    void otherPagesAreRefused() {
        assertThat(sameOrigin.allows("http://evil.example", "localhost:8086")).isFalse();
        assertThat(sameOrigin.allows("http://localhost:8086", "localhost:8086")).as("nothing serves pages there").isFalse();
        assertThat(sameOrigin.allows("http://127.0.0.1:8085", "localhost:8086")).as("another host name").isFalse();
        assertThat(sameOrigin.allows("http://localhost:8085", null)).isFalse();
        assertThat(sameOrigin.allows("null", "localhost:8086")).isFalse();
    }

    @Test
    void listedOriginsAndTheWildcard() {
        PageOrigin listed = new PageOrigin(OriginPolicy.allowing(List.of("http://localhost:3000")), 8085);
        assertThat(listed.allows("http://localhost:3000", "localhost:8086")).isTrue();
        assertThat(new PageOrigin(OriginPolicy.anyOrigin(), 8085).allows("http://evil.example", "x:1")).isTrue();
    }

    @Test
    void hostWithAnotherPort() {
        assertThat(PageOrigin.withPort("localhost:8086", 8085)).isEqualTo("localhost:8085");
        assertThat(PageOrigin.withPort("localhost", 8085)).isEqualTo("localhost:8085");
        assertThat(PageOrigin.withPort("[::1]:8086", 8085)).isEqualTo("[::1]:8085");
        assertThat(PageOrigin.withPort("::1", 8085)).isNull();
        assertThat(PageOrigin.withPort(" ", 8085)).isNull();
    }
}
