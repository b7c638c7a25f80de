package dev.sanfi.sockets.exercises.ch5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.exercises.ch2.BareHandshake;
import dev.sanfi.sockets.jakarta.EchoEndpoint;
import java.net.InetSocketAddress;
import org.glassfish.tyrus.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 5, exercise 1: what plain Tyrus answers to seven upgrade requests, predicted. */
class Ch5Exercise1Test {

    private static Server tyrus;
    private static InetSocketAddress address;

    @BeforeAll
    static void startPlainTyrus() throws Exception {
        // As chapter 5's PlainStackContract does: Tyrus's own Server, the echo endpoint, nothing else.
        tyrus = new Server("127.0.0.1", -1, "/", null, EchoEndpoint.class);
        tyrus.start();
        address = new InetSocketAddress("127.0.0.1", tyrus.getPort());
    }

    @AfterAll
    static void stopTyrus() {
        tyrus.stop();
    }

    @ParameterizedTest
    @EnumSource(PlainTyrusAnswer.class)
    @DisplayName("plain Tyrus answers with the predicted status")
    void thePredictionHolds(PlainTyrusAnswer request) throws Exception {
        String[] lines = request.requestLines("127.0.0.1:" + address.getPort());
        assertThat(BareHandshake.status(BareHandshake.send(address, lines))).isEqualTo(request.predicted());
    }
}
