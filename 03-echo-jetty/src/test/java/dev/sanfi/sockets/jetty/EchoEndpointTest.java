package dev.sanfi.sockets.jetty;

import static dev.sanfi.sockets.jetty.WireConnection.BINARY;
import static dev.sanfi.sockets.jetty.WireConnection.CLOSE;
import static dev.sanfi.sockets.jetty.WireConnection.CONTINUATION;
import static dev.sanfi.sockets.jetty.WireConnection.PING;
import static dev.sanfi.sockets.jetty.WireConnection.PONG;
import static dev.sanfi.sockets.jetty.WireConnection.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The explicit-demand echo: every kind of frame that consumes demand (message, fragment, ping,
 * pong) must be followed by the next demand, or the connection would stall. Each test therefore
 * ends with one more echo.
 */
class EchoEndpointTest {

    private static final int MAX = 1009;
    private static JettyEchoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withMaxMessageBytes(MAX));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertStillEchoes(WireConnection connection) throws Exception {
        connection.sendFrame(TEXT, utf8("still here"));
        WireConnection.Frame echo = connection.readFrame();
        assertThat(echo.opcode()).isEqualTo(TEXT);
        assertThat(echo.text()).isEqualTo("still here");
    }

    @Test
    void echoesTextAndBinaryInOrder() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(TEXT, utf8("Hello"));
            connection.sendFrame(BINARY, new byte[] {0, 1, 2, (byte) 0xff});
            connection.sendFrame(TEXT, utf8("κόσμε"));
            assertThat(connection.readFrame().text()).isEqualTo("Hello");
            WireConnection.Frame binary = connection.readFrame();
            assertThat(binary.opcode()).isEqualTo(BINARY);
            assertThat(binary.payload()).containsExactly(0, 1, 2, 0xff);
            assertThat(connection.readFrame().text()).isEqualTo("κόσμε");
        }
    }

    @Test
    void reassemblesAFragmentedMessageIntoOneEcho() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(false, TEXT, utf8("Hel"));
            connection.sendFrame(PING, utf8("between")); // RFC 6455 §5.4: control frames may interleave
            connection.sendFrame(true, CONTINUATION, utf8("lo"));
            WireConnection.Frame pong = connection.readFrame();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("between");
            WireConnection.Frame echo = connection.readFrame();
            assertThat(echo.fin()).isTrue();
            assertThat(echo.text()).isEqualTo("Hello");
            assertStillEchoes(connection);
        }
    }

    @Test
    void answersAPingAndDemandsTheNextFrame() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(PING, utf8("are you there"));
            WireConnection.Frame pong = connection.readFrame();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("are you there");
            assertStillEchoes(connection);
        }
    }

    @Test
    void ignoresAnUnsolicitedPongButDemandsTheNextFrame() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(PONG, utf8("unasked"));
            assertStillEchoes(connection);
        }
    }

    @Test
    void echoesMessagesOfExactlyTheLimit() throws Exception {
        byte[] payload = new byte[MAX];
        Arrays.fill(payload, (byte) 'a');
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(TEXT, payload);
            assertThat(connection.readFrame().payload()).isEqualTo(payload);
            connection.sendFrame(BINARY, payload);
            assertThat(connection.readFrame().payload()).isEqualTo(payload);
        }
    }

    @Test
    void closesWith1009ForATextMessageOverTheLimitInFragments() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(false, TEXT, utf8("a".repeat(600)));
            connection.sendFrame(true, CONTINUATION, utf8("b".repeat(600)));
            WireConnection.Frame close = connection.readFrame();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1009ForABinaryMessageOverTheLimit() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(BINARY, new byte[MAX + 1]);
            WireConnection.Frame close = connection.readFrame();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1007AtTheFirstInvalidFragmentNotAtTheEnd() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(false, TEXT, utf8("valid so far"));
            connection.sendFrame(false, CONTINUATION, new byte[] {(byte) 0xce, (byte) 0xba, (byte) 0xff});
            // No final fragment is ever sent: the server must fail on what it has (RFC 6455 §8.1).
            WireConnection.Frame close = connection.readFrame();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void echoesACloseWithItsCode() throws Exception {
        try (WireConnection connection = WireConnection.upgraded(server.port())) {
            connection.sendFrame(CLOSE, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'});
            WireConnection.Frame close = connection.readFrame();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(connection.closedByServer()).isTrue();
        }
    }
}
