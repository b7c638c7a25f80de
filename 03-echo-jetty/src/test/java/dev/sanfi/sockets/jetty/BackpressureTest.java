package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends and never reads. With explicit demand (EchoEndpoint) the server stops reading
 * once the echo cannot be written, and TCP stops the peer. With auto-demand the server reads on
 * and keeps every echo in memory.
 */
class BackpressureTest {

    private static final int MESSAGE_BYTES = 16 * 1024;
    /** 64 MiB: more than the kernel's socket buffers on both sides can hold between them. */
    private static final int MESSAGES = 4096;
    /** Small enough for Jetty's flusher to collect (tuning.WriteBatching): a quarter of its 4 KiB buffer, less one. */
    private static final int SMALL_MESSAGE_BYTES = 1023;

    /** Upgrades without reading the answer, then writes every message on a small-buffered socket that is never read. */
    private static final class Flood implements AutoCloseable {
        final WireClient client;
        final AtomicLong written = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        final Thread writer;

        Flood(int port) throws IOException {
            this(port, MESSAGE_BYTES, MESSAGES);
        }

        Flood(int port, int messageBytes, int messages) throws IOException {
            client = WireClient.connect(new InetSocketAddress("127.0.0.1", port), 64 * 1024, 64 * 1024);
            client.sendRaw(client.upgradeRequest().toBytes());
            byte[] payload = new byte[messageBytes];
            Arrays.fill(payload, (byte) 'x');
            byte[] frame = Frame.text(payload).toBytes();
            writer = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        client.sendRaw(frame);
                        written.addAndGet(frame.length);
                    }
                    done.countDown();
                } catch (IOException closedByTheTest) {
                    // the test closed the socket to end a blocked write
                }
            }, "flood-writer");
            writer.start();
        }

        /**
         * Waits until the writer has made no progress for two seconds (between two looks at its
         * count); false if it finished every write instead, or kept writing for {@code atMost}.
         */
        boolean stalls(Duration atMost) {
            AtomicLong lastSeen = new AtomicLong(-1);
            try {
                await().atMost(atMost).pollInterval(Duration.ofSeconds(2))
                        .until(() -> {
                            long now = written.get();
                            return done.getCount() == 0 || lastSeen.getAndSet(now) == now;
                        });
            } catch (ConditionTimeoutException keptWriting) {
                return false;
            }
            return done.getCount() != 0;
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

    @Test
    void explicitDemandStopsReadingAPeerThatDoesNotRead() throws Exception {
        try (JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
                Flood flood = new Flood(server.port())) {
            assertThat(flood.stalls(Duration.ofSeconds(40))).as("the peer's writes block").isTrue();
            assertThat(flood.written.get()).isLessThan((long) MESSAGES * MESSAGE_BYTES);
        }
    }

    @Test
    void echoesWrittenTogetherStillStopAPeerThatDoesNotRead() throws Exception {
        int messages = MESSAGES * MESSAGE_BYTES / SMALL_MESSAGE_BYTES;
        try (JettyEchoServer server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
                Flood flood = new Flood(server.port(), SMALL_MESSAGE_BYTES, messages)) {
            assertThat(flood.stalls(Duration.ofSeconds(40))).as("the peer's writes block").isTrue();
            assertThat(flood.written.get()).isLessThan((long) messages * SMALL_MESSAGE_BYTES);
        }
    }

    @Test
    void autoDemandReadsOnAndQueuesEveryEcho() throws Exception {
        AtomicInteger pendingEchoes = new AtomicInteger();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(MESSAGE_BYTES);
            container.addMapping("/echo", (request, response, callback) -> new AutoDemandingEchoEndpoint(pendingEchoes));
        }));
        server.start();
        try (Flood flood = new Flood(connector.getLocalPort())) {
            assertThat(flood.done.await(40, TimeUnit.SECONDS)).as("every write is accepted").isTrue();
            await("echoes queued in the server's memory").atMost(Duration.ofSeconds(40))
                    .until(pendingEchoes::get, pending -> pending >= MESSAGES / 2);
        } finally {
            server.stop();
        }
    }
}
