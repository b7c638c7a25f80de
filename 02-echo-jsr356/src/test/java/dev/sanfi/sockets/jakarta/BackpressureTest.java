package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A peer that sends and never reads. Tyrus's send waits until its echo is written, and the echoes of
 * one read are written together (tuning.WriteBatching) and waited for together: either way the
 * server stops reading once an echo cannot be written, and TCP stops the peer, whatever the size of
 * the messages — small ones are collected, large ones are written one by one.
 */
class BackpressureTest {

    /** 64 MiB in all: more than the kernel's socket buffers on both sides can hold between them. */
    private static final long FLOOD_BYTES = 64L * 1024 * 1024;

    @ParameterizedTest(name = "messages of {0} bytes")
    @ValueSource(ints = {512, 16 * 1024})
    void aPeerThatDoesNotReadIsStoppedByTcp(int messageBytes) throws Exception {
        JakartaEchoServer server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()), 64 * 1024, 64 * 1024);
        client.upgrade(client.upgradeRequest()); // RFC 6455 §4.1: a client sends no frame before the 101
        AtomicLong written = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        long messages = FLOOD_BYTES / messageBytes;
        Thread writer = new Thread(() -> {
            byte[] payload = new byte[messageBytes];
            Arrays.fill(payload, (byte) 'x');
            byte[] frame = Frame.text(payload).toBytes();
            try {
                for (long i = 0; i < messages; i++) {
                    client.sendRaw(frame);
                    written.addAndGet(payload.length);
                }
                done.set(true);
            } catch (IOException closedByTheTest) {
                // the test closed the socket to end a blocked write
            }
        }, "flood-writer");
        writer.start();
        try {
            assertThat(stalls(written, done)).as("the peer's writes block").isTrue();
            assertThat(written.get()).isLessThan(FLOOD_BYTES);
        } finally {
            client.close();
            writer.join(10_000);
            server.close();
        }
    }

    /** Whether the writer made no progress for two seconds (between two looks) before it was done. */
    private static boolean stalls(AtomicLong written, AtomicBoolean done) {
        AtomicLong lastSeen = new AtomicLong(-1);
        try {
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> done.get() || lastSeen.getAndSet(written.get()) == written.get());
        } catch (ConditionTimeoutException keptWriting) {
            return false;
        }
        return !done.get();
    }
}
