package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.HeardEvents;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spring's client against the Spring server: echoes and the closing handshake (over TLS: SpringEchoClientTlsTest). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringEchoClientTest {

    private EchoServer server;
    private URI uri;

    @BeforeAll
    void startServer() throws Exception {
        server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    @DisplayName("text and binary come back; Close 1000 is answered with 1000")
    void echoesAndCloses() throws Exception {
        HeardEvents events = new HeardEvents();
        try (SpringEchoClient client = SpringEchoClient.connect(uri, ClientOptions.defaults(), events)) {
            client.sendText("héllo 🎉");
            assertThat(events.next()).isEqualTo("text héllo 🎉");
            client.sendBinary(new byte[] {0, 1, (byte) 0xFF});
            assertThat(events.next()).isEqualTo("binary 3");
            client.sendClose(1000, "done");
            assertThat(events.next()).isEqualTo("close 1000 done");
        }
    }

    @Test
    @DisplayName("the server's close() reaches the client as 1001")
    void serverGoingAwayIsHeardAs1001() throws Exception {
        HeardEvents events = new HeardEvents();
        EchoServer own = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        try (SpringEchoClient client = SpringEchoClient.connect(
                URI.create("ws://127.0.0.1:" + own.port() + "/echo"), ClientOptions.defaults(), events)) {
            client.sendText("before");
            assertThat(events.next()).isEqualTo("text before");
            own.close();
            assertThat(events.next()).startsWith("close 1001");
        } finally {
            own.close();
        }
    }
}
