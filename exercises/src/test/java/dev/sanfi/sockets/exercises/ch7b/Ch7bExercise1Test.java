package dev.sanfi.sockets.exercises.ch7b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.spring.SpringEchoServer;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 7b, exercise 1: the real 06-echo-spring server, limit 1,000 bytes, against the prediction. */
class Ch7bExercise1Test {

    private static final int LIMIT = 1000;

    private static SpringEchoServer server;

    @BeforeAll
    static void startSpring() throws IOException {
        server = SpringEchoServer.start(new ServerSettings("127.0.0.1", 0, LIMIT, Limits.PING_INTERVAL,
                Limits.IDLE_TIMEOUT, Limits.HANDSHAKE_TIMEOUT, OriginPolicy.sameOrigin()));
    }

    @AfterAll
    static void stopSpring() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(SpringEchoPrediction.class)
    @DisplayName("the server answers as predicted")
    void thePredictionHolds(SpringEchoPrediction input) throws IOException {
        try (WireClient client = WireClient.connect(server)) {
            assertThat(observe(input, client)).isEqualTo(input.answer());
        }
    }

    private static String observe(SpringEchoPrediction input, WireClient client) throws IOException {
        HandshakeRequest upgrade = client.upgradeRequest();
        return switch (input) {
            case PLAIN_GET -> status(client, HandshakeRequest.get("/echo", client.host()));
            case POST_UPGRADE -> status(client, upgrade.withMethod("POST"));
            case HTTP_10_UPGRADE -> status(client, upgrade.withHttpVersion("HTTP/1.0"));
            case FOREIGN_ORIGIN -> status(client, upgrade.withHeader("Origin", "http://evil.example"));
            case NO_ORIGIN -> status(client, upgrade);
            case OWN_ORIGIN -> status(client, upgrade.withHeader("Origin", "http://" + client.host()));
            case EMPTY_CLOSE -> after101(client, Frame.close());
            case GOING_AWAY_CLOSE -> after101(client, Frame.close(1001, "bye"));
            case CLOSE_REASON_NOT_UTF8 -> after101(client, Frame.close(1000, new byte[] {'b', 'y', 'e', (byte) 0xFF}));
            case TEXT_NOT_UTF8 -> after101(client, Frame.text(new byte[] {'h', 'i', (byte) 0xFF}));
            case LIMIT_OF_ASCII -> after101(client, Frame.text("x".repeat(LIMIT)));
            case ONE_OVER_THE_LIMIT -> after101(client, Frame.text("x".repeat(LIMIT + 1)));
            case LIMIT_OF_TWO_BYTE_CHARS -> after101(client, Frame.text("é".repeat(LIMIT)));
        };
    }

    private static String status(WireClient client, HandshakeRequest request) throws IOException {
        HttpResponse response = client.exchange(request);
        return String.valueOf(response.status());
    }

    /** Upgrades, sends the frame, and says what came back: "echo" for the same message, or the Close. */
    private static String after101(WireClient client, Frame sent) throws IOException {
        client.upgrade(client.upgradeRequest());
        client.send(sent);
        Frame first = client.readFrame();
        if (first.opcode() == Frame.CLOSE) {
            Close close = Close.parse(first.payload());
            return close.hasCode() ? "Close " + close.code() : "Close (empty)";
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(first.payload());
        for (Frame next = first; !next.fin(); ) {
            next = client.readFrame();
            message.writeBytes(next.payload());
        }
        boolean same = first.opcode() == sent.opcode() && Arrays.equals(message.toByteArray(), sent.payload());
        return same ? "echo" : "a different message: " + first;
    }
}
