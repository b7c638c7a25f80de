package dev.sanfi.sockets.exercises.ch6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 6, exercise 2: an echo that reads ahead up to a window of echoes in flight, and no further. */
class Ch6Exercise2Test {

    private static final int WINDOW = 4;

    @Test
    @DisplayName("the window's decisions: demand while there is room; when full, the next completed echo demands, once")
    void theDecisions() {
        EchoWindow window = new EchoWindow(2);
        assertThat(window.received()).as("1 in flight: room for one more").isTrue();
        assertThat(window.received()).as("2 in flight: full, no demand").isFalse();
        assertThat(window.sent()).as("1 in flight: the demand the full window held back").isTrue();
        assertThat(window.sent()).as("0 in flight: a demand is already outstanding").isFalse();
        assertThat(window.mostInFlight()).isEqualTo(2);
    }

    @Test
    @DisplayName("a window of one is chapter 6's echo: each completed echo demands the next message")
    void aWindowOfOne() {
        EchoWindow window = new EchoWindow(1);
        for (int i = 0; i < 3; i++) {
            assertThat(window.received()).isFalse();
            assertThat(window.sent()).isTrue();
        }
        assertThatThrownBy(() -> new EchoWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("200 messages sent before any is read: every echo comes back, in order")
    void everyEchoInOrder() throws Exception {
        try (JettyWithOneEndpoint server = JettyWithOneEndpoint.start(() -> new WindowedEcho(new EchoWindow(WINDOW)));
                WireClient client = WireClient.connect(server.address())) {
            client.upgrade(client.upgradeRequest());
            for (int i = 0; i < 200; i++) {
                client.send(Frame.text("message " + i));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(client.readMessage().text()).isEqualTo("message " + i);
            }
        }
    }

    @Test
    @DisplayName("a peer that sends and never reads: the server reads ahead until the window is full, then stops")
    void aPeerThatDoesNotRead() throws Exception {
        AtomicReference<EchoWindow> window = new AtomicReference<>();
        try (JettyWithOneEndpoint server = JettyWithOneEndpoint.start(() -> {
                    EchoWindow made = new EchoWindow(WINDOW);
                    window.set(made);
                    return new WindowedEcho(made);
                })) {
            Flood flood = new Flood(server.address());
            try {
                await("the window fills").atMost(Duration.ofSeconds(30))
                        .until(() -> window.get() != null && window.get().mostInFlight() >= WINDOW);
                await("and the server reads no further").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                        .until(() -> window.get().mostInFlight() == WINDOW);
            } finally {
                flood.close();
            }
        }
    }

    /** Upgrades, then writes 16 KiB messages without end on a small-buffered socket it never reads. */
    private static final class Flood implements AutoCloseable {
        private final WireClient client;
        private final Thread writer;

        Flood(InetSocketAddress server) throws IOException {
            client = WireClient.connect(server, 64 * 1024, 64 * 1024);
            client.upgrade(client.upgradeRequest());
            byte[] payload = new byte[16 * 1024];
            Arrays.fill(payload, (byte) 'x');
            byte[] frame = Frame.text(payload).toBytes();
            writer = new Thread(() -> {
                try {
                    while (true) {
                        client.sendRaw(frame); // blocks once the server stops reading
                    }
                } catch (IOException closedByTheTest) {
                    // close() ends a blocked write
                }
            }, "flood-writer");
            writer.start();
        }

        @Override
        public void close() {
            client.close();
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
