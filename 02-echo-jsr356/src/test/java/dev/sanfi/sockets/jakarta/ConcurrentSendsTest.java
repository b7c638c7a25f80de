package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ServerSettings;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.net.URI;
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
 * Sends on one session from two threads: what goes wrong with the bare Jakarta API on Tyrus. It is
 * why the server's keepalive pings from below Tyrus (the guard's {@code Keepalive}), and not through
 * the endpoint's session from a timer thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentSendsTest {

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
}
