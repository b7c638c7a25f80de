package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
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

    /** The next frame, which must be a Close; its code and reason. */
    private static Close readClose(WireClient connection) throws Exception {
        Frame close = connection.readFrame();
        assertThat(close.opcode()).isEqualTo(Frame.CLOSE);
        return Close.parse(close.payload());
    }

    private static void assertStillEchoes(WireClient connection) throws Exception {
        connection.send(Frame.text("still here"));
        Frame echo = connection.readFrame();
        assertThat(echo.opcode()).isEqualTo(Frame.TEXT);
        assertThat(echo.text()).isEqualTo("still here");
    }

    @Test
    void echoesTextAndBinaryInOrder() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.text("Hello"));
            connection.send(Frame.binary(new byte[] {0, 1, 2, (byte) 0xff}));
            connection.send(Frame.text("κόσμε"));
            assertThat(connection.readFrame().text()).isEqualTo("Hello");
            Frame binary = connection.readFrame();
            assertThat(binary.opcode()).isEqualTo(Frame.BINARY);
            assertThat(binary.payload()).containsExactly(0, 1, 2, 0xff);
            assertThat(connection.readFrame().text()).isEqualTo("κόσμε");
        }
    }

    @Test
    void reassemblesAFragmentedMessageIntoOneEcho() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.text("Hel").notFinal());
            connection.send(Frame.ping(utf8("between"))); // RFC 6455 §5.4: control frames may interleave
            connection.send(Frame.continuation(utf8("lo")));
            Frame pong = connection.readFrame();
            assertThat(pong.opcode()).isEqualTo(Frame.PONG);
            assertThat(pong.text()).isEqualTo("between");
            Frame echo = connection.readFrame();
            assertThat(echo.fin()).isTrue();
            assertThat(echo.text()).isEqualTo("Hello");
            assertStillEchoes(connection);
        }
    }

    @Test
    void reassemblesAFragmentedBinaryMessageIntoOneEcho() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.binary(new byte[] {1, 2}).notFinal());
            connection.send(Frame.ping(utf8("between")));
            connection.send(Frame.continuation(new byte[0]).notFinal());
            connection.send(Frame.continuation(new byte[] {3}).notFinal());
            connection.send(Frame.continuation(new byte[] {4, 5}));
            assertThat(connection.readFrame().opcode()).isEqualTo(Frame.PONG);
            Frame echo = connection.readFrame();
            assertThat(echo.opcode()).isEqualTo(Frame.BINARY);
            assertThat(echo.fin()).isTrue();
            assertThat(echo.payload()).containsExactly(1, 2, 3, 4, 5);
            assertStillEchoes(connection);
        }
    }

    @Test
    void answersAPingAndDemandsTheNextFrame() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.ping(utf8("are you there")));
            Frame pong = connection.readFrame();
            assertThat(pong.opcode()).isEqualTo(Frame.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
            assertStillEchoes(connection);
        }
    }

    @Test
    void ignoresAnUnsolicitedPongButDemandsTheNextFrame() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.pong(utf8("unasked")));
            assertStillEchoes(connection);
        }
    }

    @Test
    void echoesMessagesOfExactlyTheLimit() throws Exception {
        byte[] payload = new byte[MAX];
        Arrays.fill(payload, (byte) 'a');
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.text(payload));
            assertThat(connection.readFrame().payload()).isEqualTo(payload);
            connection.send(Frame.binary(payload));
            assertThat(connection.readFrame().payload()).isEqualTo(payload);
        }
    }

    @Test
    void closesWith1009ForATextMessageOverTheLimitInFragments() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.text("a".repeat(600)).notFinal());
            connection.send(Frame.continuation(utf8("b".repeat(600))));
            assertThat(readClose(connection).code()).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1009ForABinaryMessageOverTheLimit() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.binary(new byte[MAX + 1]));
            assertThat(readClose(connection).code()).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1009ForABinaryMessageOverTheLimitInFragments() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.binary(new byte[600]).notFinal());
            connection.send(Frame.continuation(new byte[600]).notFinal());
            // No final fragment: the limit holds while the message is still arriving.
            assertThat(readClose(connection).code()).isEqualTo(1009);
        }
    }

    @Test
    void closesWith1007AtTheFirstInvalidFragmentNotAtTheEnd() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.text("valid so far").notFinal());
            connection.send(Frame.continuation(new byte[] {(byte) 0xce, (byte) 0xba, (byte) 0xff}).notFinal());
            // No final fragment is ever sent: the server must fail on what it has (RFC 6455 §8.1).
            assertThat(readClose(connection).code()).isEqualTo(1007);
        }
    }

    @Test
    void echoesACloseWithItsCode() throws Exception {
        try (WireClient connection = WireClient.open(server)) {
            connection.send(Frame.close(1000, "bye"));
            assertThat(readClose(connection).code()).isEqualTo(1000);
            connection.awaitEof();
        }
    }
}
