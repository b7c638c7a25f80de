package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code server --redis}: what the command line says about the URL, with no Redis running. */
class ClusterCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ChatCommand.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadRedisUrlIsOneLineAndExit2() {
        for (String bad : new String[] {"http://localhost:6379", "localhost:6379", "redis://", "redis://localhost:99999",
                "redis://user:secret@localhost:6379", "redis://localhost:6379/0"}) {
            err.reset();
            assertThat(run("server", "--port", "0", "--redis", bad)).as(bad).isEqualTo(2);
            assertThat(err()).as(bad).hasLineCount(1).contains("--redis").contains("redis://HOST:PORT");
        }
    }

    @Test
    void anUnreachableRedisIsOneLineAndExit1() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("server", "--host", "127.0.0.1", "--port", "0", "--redis", "redis://127.0.0.1:" + closedPort)).isEqualTo(1);
        assertThat(err()).hasLineCount(1).startsWith("05-chat-broadcast: cannot reach Redis at redis://127.0.0.1:" + closedPort);
    }

    @Test
    void theAddressIsParsedStrictly() {
        assertThat(RedisAddress.parse("redis://localhost")).isEqualTo(new RedisAddress("localhost", 6379));
        assertThat(RedisAddress.parse("redis://[::1]:7000")).isEqualTo(new RedisAddress("::1", 7000));
        assertThat(RedisAddress.parse("REDIS://h:1").toString()).isEqualTo("redis://h:1");
        assertThatThrownBy(() -> RedisAddress.parse("rediss://h:1")).hasMessageContaining("expected redis://HOST:PORT");
    }
}
