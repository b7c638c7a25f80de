package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.io.SelectorEchoServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code server --io threads|selector}: taken out of the command line before common's parser sees it. */
class IoModelTest {

    @Test
    @DisplayName("no --io: threads, and the arguments are left alone")
    void defaultIsThreads() {
        IoModel.Choice choice = IoModel.parse(new String[] {"server", "--port", "0"});
        assertThat(choice.model()).isEqualTo(IoModel.THREADS);
        assertThat(choice.rest()).containsExactly("server", "--port", "0");
        assertThat(IoModel.parse(new String[0]).model()).isEqualTo(IoModel.THREADS);
    }

    @Test
    @DisplayName("--io selector and --io=selector, after server or without a subcommand")
    void selector() {
        IoModel.Choice choice = IoModel.parse(new String[] {"server", "--io", "selector", "--port", "0"});
        assertThat(choice.model()).isEqualTo(IoModel.SELECTOR);
        assertThat(choice.rest()).containsExactly("server", "--port", "0");
        assertThat(IoModel.parse(new String[] {"--io=threads"}).rest()).isEmpty();
        assertThat(IoModel.parse(new String[] {"--port", "0", "--io=SELECTOR"}).model()).isEqualTo(IoModel.SELECTOR);
    }

    @Test
    @DisplayName("a bad or missing value is a usage error; the client's arguments are never touched")
    void errors() {
        assertThatThrownBy(() -> IoModel.parse(new String[] {"server", "--io", "epoll"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'epoll'");
        assertThatThrownBy(() -> IoModel.parse(new String[] {"server", "--io"})).isInstanceOf(IllegalArgumentException.class);
        assertThat(IoModel.parse(new String[] {"client", "--io", "selector"}).rest()).containsExactly("client", "--io", "selector");
    }

    @Test
    @DisplayName("each model starts its own shell")
    void eachModelStartsItsShell() throws Exception {
        ServerSettings settings = ServerSettings.defaults(0).withHost("127.0.0.1");
        try (EchoServer threads = IoModel.THREADS.start(settings); EchoServer selector = IoModel.SELECTOR.start(settings)) {
            assertThat(threads).isInstanceOf(RawEchoServer.class);
            assertThat(selector).isInstanceOf(SelectorEchoServer.class);
        }
    }
}
