package dev.sanfi.sockets.exercises.ch10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.InetSocketAddress;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 10, exercise 2: an Origin allow-list on plain Tyrus, through Configurator.checkOrigin. */
class Ch10Exercise2Test {

    private static Server tyrus;
    private static InetSocketAddress address;

    @BeforeAll
    static void startTyrus() throws Exception {
        tyrus = new Server("127.0.0.1", -1, "/", null, AllowListedEcho.class);
        tyrus.start();
        address = new InetSocketAddress("127.0.0.1", tyrus.getPort());
    }

    @AfterAll
    static void stopTyrus() {
        tyrus.stop();
    }

    private static int status(String origin) throws Exception {
        try (WireClient client = WireClient.connect(address)) {
            HandshakeRequest request = client.upgradeRequest();
            return client.exchange(origin == null ? request : request.withHeader("Origin", origin)).status();
        }
    }

    @Test
    @DisplayName("a listed page is upgraded, and echoed")
    void aListedPage() throws Exception {
        try (WireClient client = WireClient.connect(address)) {
            assertThat(client.exchange(client.upgradeRequest().withHeader("Origin", "https://app.example")).status())
                    .isEqualTo(101);
            client.send(Frame.text("hello"));
            assertThat(client.readMessage().text()).isEqualTo("hello");
        }
    }

    @Test
    @DisplayName("a foreign page gets 403 (RFC 6455 §10.2); a program without Origin is upgraded")
    void foreignAndNone() throws Exception {
        assertThat(status("http://evil.example")).isEqualTo(403);
        assertThat(status(null)).isEqualTo(101);
    }

    @Test
    @DisplayName("the server's own origin counts only because it is listed: the hook never sees the Host")
    void noHostInTheHook() throws Exception {
        String ownOrigin = "http://127.0.0.1:" + address.getPort(); // what this server's own page would send
        assertThat(status(ownOrigin)).isEqualTo(403);
        assertThat(status("http://localhost:8082")).as("listed").isEqualTo(101);
    }
}
