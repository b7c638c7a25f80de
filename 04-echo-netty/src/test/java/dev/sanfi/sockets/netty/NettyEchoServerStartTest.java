package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NettyEchoServerStartTest {

    private static final ServerSettings SETTINGS = ServerSettings.defaults(0).withHost("127.0.0.1");

    @Test
    @DisplayName("started on port 0, the server reports the real port it listens on")
    void reportsTheRealPort() throws IOException {
        try (NettyEchoServer server = NettyEchoServer.start(SETTINGS)) {
            assertThat(server.port()).isPositive();
            assertThat(server.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    @DisplayName("a port in use is a BindException from start(), not a half-started server")
    void portInUseFails() throws IOException {
        try (NettyEchoServer first = NettyEchoServer.start(SETTINGS)) {
            assertThatThrownBy(() -> NettyEchoServer.start(SETTINGS.withPort(first.port())))
                    .isInstanceOf(BindException.class);
        }
    }
}
