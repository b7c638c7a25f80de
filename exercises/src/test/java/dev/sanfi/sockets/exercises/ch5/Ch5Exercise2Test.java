package dev.sanfi.sockets.exercises.ch5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.exercises.ch2.BareHandshake;
import dev.sanfi.sockets.raw.HttpHead;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.InetSocketAddress;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 5, exercise 2: Sec-WebSocket-Protocol negotiated by a Configurator, the server's preference first. */
class Ch5Exercise2Test {

    private static Server tyrus;
    private static InetSocketAddress address;

    @BeforeAll
    static void startTyrus() throws Exception {
        tyrus = new Server("127.0.0.1", -1, "/", null, VersionedEcho.class);
        tyrus.start();
        address = new InetSocketAddress("127.0.0.1", tyrus.getPort());
    }

    @AfterAll
    static void stopTyrus() {
        tyrus.stop();
    }

    private static HttpHead upgrade(String... protocolLines) throws Exception {
        String[] lines = new String[6 + protocolLines.length];
        lines[0] = "GET /versions HTTP/1.1";
        lines[1] = "Host: 127.0.0.1:" + address.getPort();
        lines[2] = "Upgrade: websocket";
        lines[3] = "Connection: Upgrade";
        lines[4] = "Sec-WebSocket-Version: 13";
        lines[5] = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        System.arraycopy(protocolLines, 0, lines, 6, protocolLines.length);
        return BareHandshake.send(address, lines);
    }

    @Test
    @DisplayName("the client prefers chat.v1, the server chat.v2: the server's preference wins (the default Configurator would pick chat.v1)")
    void theServersPreference() throws Exception {
        HttpHead answer = upgrade("Sec-WebSocket-Protocol: chat.v1, chat.v2");
        assertThat(BareHandshake.status(answer)).isEqualTo(101);
        assertThat(answer.value("Sec-WebSocket-Protocol")).isEqualTo("chat.v2");
    }

    @Test
    @DisplayName("only chat.v1 offered: chat.v1")
    void theOnlyOneInCommon() throws Exception {
        assertThat(upgrade("Sec-WebSocket-Protocol: chat.v1").value("Sec-WebSocket-Protocol")).isEqualTo("chat.v1");
    }

    @Test
    @DisplayName("the offer on two header lines is one list (RFC 6455 §4.1, RFC 9110 §5.3)")
    void twoHeaderLines() throws Exception {
        HttpHead answer = upgrade("Sec-WebSocket-Protocol: chat.v1", "Sec-WebSocket-Protocol: chat.v2");
        assertThat(answer.value("Sec-WebSocket-Protocol")).isEqualTo("chat.v2");
    }

    @Test
    @DisplayName("nothing in common, or a name in another case: upgraded without a subprotocol")
    void noneInCommon() throws Exception {
        HttpHead foreign = upgrade("Sec-WebSocket-Protocol: mqtt");
        assertThat(BareHandshake.status(foreign)).isEqualTo(101);
        assertThat(foreign.values("Sec-WebSocket-Protocol")).isEmpty();
        assertThat(upgrade("Sec-WebSocket-Protocol: CHAT.V2").values("Sec-WebSocket-Protocol")).isEmpty();
    }

    @Test
    @DisplayName("the endpoint sees what was agreed: Session.getNegotiatedSubprotocol()")
    void theEndpointKnows() throws Exception {
        try (WireClient client = WireClient.connect(address)) {
            HttpResponse answer = client.exchange(client.upgradeRequest().withTarget("/versions")
                    .withHeader("Sec-WebSocket-Protocol", "chat.v1, chat.v2"));
            assertThat(answer.status()).isEqualTo(101);
            client.send(Frame.text("hello"));
            assertThat(client.readMessage().text()).isEqualTo("chat.v2: hello");
        }
    }
}
