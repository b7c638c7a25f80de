package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What start() refuses, each with one line that says why. */
class SpringEchoServerStartTest {

    @Test
    @DisplayName("a port in use: an IOException naming the cause, not Spring's wrapping of it")
    void portInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> SpringEchoServer.start(ServerSettings.defaults(taken.getLocalPort()).withHost("127.0.0.1")))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").containsIgnoringCase("in use"));
        }
    }
}
