package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sends on one session from two threads: what goes wrong with the bare Jakarta API on Tyrus, and
 * that the {@link SessionWriter} the server uses keeps every message whole and in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentSendsTest {

    private static final int MESSAGES_PER_THREAD = 500;

    private JakartaEchoServer server;
    private URI echo;

    @BeforeAll
    void startServer() throws Exception {
        server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        echo = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @AfterAll
    void closeServer() {
        server.close();
    }

    /** Collects every echoed text message. */
    @ClientEndpoint
    public static final class Collector {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @OnMessage
        public void onText(String text) {
            received.add(text);
        }
    }

    @Test
    @DisplayName("wrong: a whole message while another thread is midway through a partial one throws IllegalStateException")
    void sendDuringAPartialMessageThrows() throws Exception {
        Session session = ContainerProvider.getWebSocketContainer().connectToServer(new Collector(), echo);
        try {
            session.getBasicRemote().sendText("first half, ", false); // a message begun, not finished
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    session.getBasicRemote().sendText("a whole message"); // Tyrus waits 3 s, then gives up
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            session.close();
        }
    }

    @Test
    @DisplayName("right: two threads sending through one SessionWriter: every message arrives whole, each thread's in order")
    void sendsThroughOneWriterStayWholeAndOrdered() throws Exception {
        Collector collector = new Collector();
        Session session = ContainerProvider.getWebSocketContainer().connectToServer(collector, echo);
        try {
            SessionWriter writer = new SessionWriter(session);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> sendAll(writer, "a"));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> sendAll(writer, "b"));
            CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);

            List<String> fromA = new ArrayList<>();
            List<String> fromB = new ArrayList<>();
            for (int i = 0; i < 2 * MESSAGES_PER_THREAD; i++) {
                String echoed = collector.received.poll(10, TimeUnit.SECONDS);
                assertThat(echoed).as("echo %d", i).isNotNull();
                (echoed.startsWith("a") ? fromA : fromB).add(echoed);
            }
            assertThat(fromA).isEqualTo(expected("a"));
            assertThat(fromB).isEqualTo(expected("b"));
        } finally {
            session.close();
        }
    }

    private static void sendAll(SessionWriter writer, String thread) {
        for (String message : expected(thread)) {
            try {
                writer.text(message);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static List<String> expected(String thread) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
            messages.add(thread + i + "-" + "x".repeat(i % 200));
        }
        return messages;
    }
}
