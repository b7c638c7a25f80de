package dev.sanfi.sockets.exercises.ch1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.RawEchoServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 1, exercise 2: your own client gets its message back from 01-echo-raw. */
class Ch1Exercise2Test {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private RawEchoServer server;
    private URI echo;

    @BeforeEach
    void startServer() throws IOException {
        server = RawEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        echo = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    @DisplayName("the echo of a text is the text, multi-byte characters and the empty text too")
    void echoes() throws Exception {
        assertThat(EchoOnce.roundTrip(echo, "hello", PATIENCE)).isEqualTo("hello");
        assertThat(EchoOnce.roundTrip(echo, "κόσμε 😀", PATIENCE)).isEqualTo("κόσμε 😀");
        assertThat(EchoOnce.roundTrip(echo, "", PATIENCE)).isEmpty();
    }

    @Test
    @DisplayName("a path where no WebSocket is refused in the handshake, with an exception, not a hang")
    void refusedPath() {
        URI nowhere = URI.create("ws://127.0.0.1:" + server.port() + "/nowhere");
        assertThatThrownBy(() -> EchoOnce.roundTrip(nowhere, "hello", PATIENCE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("404");
    }
}
