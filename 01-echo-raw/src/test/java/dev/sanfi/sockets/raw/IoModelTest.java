package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.io.SelectorEchoServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code server --io threads|selector}: the names the command line offers, and the shell each starts. */
class IoModelTest {

    @Test
    @DisplayName("the command line offers threads first (the default), then selector")
    void threadsIsTheDefault() {
        assertThat(IoModel.starters()).containsOnlyKeys("threads", "selector");
        assertThat(IoModel.starters().keySet().iterator().next()).isEqualTo("threads");
    }

    @Test
    @DisplayName("each model starts its own shell")
    void eachModelStartsItsShell() throws Exception {
        ServerSettings settings = ServerSettings.defaults(0).withHost("127.0.0.1");
        try (EchoServer threads = IoModel.starters().get("threads").start(settings);
             EchoServer selector = IoModel.starters().get("selector").start(settings)) {
            assertThat(threads).isInstanceOf(RawEchoServer.class);
            assertThat(selector).isInstanceOf(SelectorEchoServer.class);
        }
    }
}
