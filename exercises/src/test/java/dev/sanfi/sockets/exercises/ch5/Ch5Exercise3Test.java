package dev.sanfi.sockets.exercises.ch5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.InetSocketAddress;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 5, exercise 3: one endpoint instance per connection, so each connection counts on its own. */
class Ch5Exercise3Test {

    private static Server tyrus;
    private static InetSocketAddress address;

    @BeforeAll
    static void startTyrus() throws Exception {
        tyrus = new Server("127.0.0.1", -1, "/", null, NumberedEcho.class);
        tyrus.start();
        address = new InetSocketAddress("127.0.0.1", tyrus.getPort());
    }

    @AfterAll
    static void stopTyrus() {
        tyrus.stop();
    }

    private static WireClient open() throws Exception {
        WireClient client = WireClient.connect(address);
        try {
            client.upgrade(client.upgradeRequest().withTarget("/numbered"));
            return client;
        } catch (Exception | Error e) {
            client.close();
            throw e;
        }
    }

    private static String echo(WireClient client, String text) throws Exception {
        client.send(Frame.text(text));
        return client.readMessage().text();
    }

    @Test
    @DisplayName("two connections, messages interleaved: each is numbered 1, 2, 3 on its own connection")
    void eachConnectionCountsAlone() throws Exception {
        try (WireClient alice = open(); WireClient bob = open()) {
            assertThat(echo(alice, "a")).isEqualTo("1: a");
            assertThat(echo(bob, "b")).isEqualTo("1: b");
            assertThat(echo(alice, "a")).isEqualTo("2: a");
            assertThat(echo(alice, "a")).isEqualTo("3: a");
            assertThat(echo(bob, "b")).isEqualTo("2: b");
        }
    }
}
