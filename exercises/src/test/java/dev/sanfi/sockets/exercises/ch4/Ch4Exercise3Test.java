package dev.sanfi.sockets.exercises.ch4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.HandshakeException;
import dev.sanfi.sockets.raw.RawEchoClient;
import dev.sanfi.sockets.raw.RawEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 4, exercise 3: the client reconnects, waiting longer each time, and knows when not to. */
class Ch4Exercise3Test {

    private final List<Duration> pauses = new ArrayList<>();
    private final Reconnect reconnect = new Reconnect(4, Duration.ofMillis(100), Duration.ofMillis(250), pauses::add);
    private final BlockingQueue<String> texts = new ArrayBlockingQueue<>(8);
    private RawEchoServer server;
    private RawEchoClient client;

    @AfterEach
    void closeEverything() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a server that is not up yet: two refused connections, pauses of 100 and 200 ms, then the echo")
    void untilTheServerIsUp() throws Exception {
        URI nobody = URI.create("ws://127.0.0.1:" + freePort() + "/echo");
        AtomicInteger attempts = new AtomicInteger();
        client = reconnect.connect(() -> attempts.incrementAndGet() < 3 ? nobody : startServer(), events());

        assertThat(attempts).hasValue(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        client.sendText("back");
        assertThat(texts.poll(10, TimeUnit.SECONDS)).isEqualTo("back");
    }

    @Test
    @DisplayName("nobody ever there: every attempt, the delay capped at 250 ms, then the last failure")
    void givesUp() throws IOException {
        URI nobody = URI.create("ws://127.0.0.1:" + freePort() + "/echo");
        assertThatThrownBy(() -> reconnect.connect(() -> nobody, events())).isInstanceOf(ConnectException.class);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    @DisplayName("a refusal such as 404 is not retried: the same request would be refused again")
    void refusalsAreFinal() {
        URI nowhere = URI.create(startServer().toString().replace("/echo", "/nowhere"));
        assertThatThrownBy(() -> reconnect.connect(() -> nowhere, events()))
                .isInstanceOfSatisfying(HandshakeException.class, refused -> assertThat(refused.status()).isEqualTo(404));
        assertThat(pauses).isEmpty();
    }

    @Test
    @DisplayName("worth reconnecting after 1001, 1006, 1011, 1012, 1013; not after 1000 or a code that blames the client")
    void whichCloseCodes() {
        assertThat(List.of(1001, 1006, 1011, 1012, 1013)).allMatch(Reconnect::worthRetrying);
        assertThat(List.of(1000, 1002, 1003, 1007, 1008, 1009, 1010)).noneMatch(Reconnect::worthRetrying);
    }

    private URI startServer() {
        try {
            server = RawEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    /** A port on which, a moment later, nothing listens: connecting to it is refused. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private ClientEvents events() {
        return new ClientEvents() {
            @Override
            public void onText(String text) {
                texts.offer(text);
            }

            @Override
            public void onBinary(byte[] data) {
            }

            @Override
            public void onClose(int code, String reason) {
            }

            @Override
            public void onError(Throwable error) {
            }
        };
    }
}
