package dev.sanfi.sockets.raw.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.RawEchoServerTest;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code --io selector}: the whole echo contract and 01-echo-raw's own server tests (inherited from
 * {@link RawEchoServerTest}), on the same core under one selector loop; and what only this shell
 * promises: connections do not cost threads.
 */
class SelectorEchoServerTest extends RawEchoServerTest {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SelectorEchoServer.start(settings);
    }

    @Test
    @DisplayName("--io selector: 100 open connections, each echoing, run on one server thread")
    void connectionsCostNoThreads() throws Exception {
        EchoServer server = startOwn(defaultSettings());
        String loopThread = "raw-echo-selector-" + server.port();
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(open(server));
        }
        for (int i = 0; i < clients.size(); i++) {
            assertEchoes(clients.get(i), Message.text("connection " + i));
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("raw-echo-"))
                .extracting(Thread::getName)
                .as("the server's threads with 100 connections open")
                .filteredOn(name -> name.endsWith("-" + server.port()))
                .containsExactly(loopThread);
    }

    @Test
    @DisplayName("a client that does not read: past the backlog limit its connection is not read, so the "
            + "server's buffer stays bounded; once it reads, every echo comes, in order")
    void slowReaderIsNotBufferedWithoutEnd() throws Exception {
        SelectorEchoServer server = (SelectorEchoServer) startOwn(defaultSettings());
        CountDownLatch paused = new CountDownLatch(1);
        server.onReadPaused(backlog -> paused.countDown());
        int messages = 1024;
        int size = 16 * 1024;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            all.writeBytes(Frame.binary(payload(i, size)).toBytes());
        }
        // Small socket buffers: the peer's reluctance shows after kilobytes, not megabytes.
        try (WireClient client = WireClient.connect(server.localAddress(), 4096, 4096)) {
            client.upgrade(client.upgradeRequest());
            CompletableFuture<Void> sent = client.sendInBackground(all.toByteArray());     // 16 MiB, nothing read

            assertThat(paused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the server stops reading a connection whose peer does not read").isTrue();
            for (int i = 0; i < messages; i++) {
                Frame echo = client.readFrame();
                assertThat(echo.opcode()).isEqualTo(Frame.BINARY);
                assertThat(Arrays.equals(echo.payload(), payload(i, size))).as("echo %d", i).isTrue();
            }
            sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        // Before a paused connection is read again, at most one read's echoes (and the message it completes) are added.
        long bound = ChannelSession.OUTPUT_BACKLOG_LIMIT + SelectorLoop.READ_BUFFER_BYTES + size + 1024;
        assertThat(server.largestBacklog()).as("bytes that waited for the slow reader at most")
                .isGreaterThan(ChannelSession.OUTPUT_BACKLOG_LIMIT).isLessThanOrEqualTo(bound);
    }

    private static byte[] payload(int index, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) index);
        bytes[0] = (byte) (index >> 8);
        return bytes;
    }
}
