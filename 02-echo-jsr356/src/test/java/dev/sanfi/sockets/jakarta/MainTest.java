package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The command line's client, with this module's connector, against this module's server. */
class MainTest {

    private static final EchoModule MODULE =
            new EchoModule("02-echo-jsr356", 8082, JakartaEchoServer::start, JakartaEchoClient::connect);

    @Test
    @DisplayName("client --message prints each echo and exits 0 after a clean close")
    void clientPrintsEchoesAndExitsZero() throws Exception {
        try (JakartaEchoServer server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = EchoCommand.run(MODULE,
                    new String[] {"client", "ws://127.0.0.1:" + server.port() + "/echo", "--message", "one", "--message", "two"},
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("one", "two");
        }
    }

    @Test
    @DisplayName("client against a closed port prints one line and exits 1")
    void unreachableServerExitsOne() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EchoCommand.run(MODULE, new String[] {"client", "ws://127.0.0.1:" + port + "/echo", "--message", "x"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }
}
