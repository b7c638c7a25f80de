package dev.sanfi.sockets.raw.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The echo contract over TLS (testkit) against {@code --io selector}: an {@code SSLEngine} per
 * connection in the one selector loop ({@link TlsChannel}), below the same session and core; and
 * the selector's own promise, a bounded backlog for a peer that does not read, over TLS too.
 */
class SelectorTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SelectorEchoServer.start(settings);
    }

    @Test
    @DisplayName("over TLS, a client that does not read: its connection is not read past the backlog limit, and "
            + "once it reads, every echo comes, in order (plaintext held by TLS is read again, not forgotten)")
    void slowReaderIsNotBufferedWithoutEnd() throws Exception {
        SelectorEchoServer server = (SelectorEchoServer) startOwn(defaultSettings());
        CountDownLatch paused = new CountDownLatch(1);
        server.onReadPaused(backlog -> paused.countDown());
        int messages = 512;
        int size = 16 * 1024;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < messages; i++) {
            all.writeBytes(Frame.binary(payload(i, size)).toBytes());
        }
        try (WireClient client = WireClient.connectTls(server.localAddress(), trust(), HOST_NAME, 4096, 4096)) {
            client.upgrade(client.upgradeRequest());
            CompletableFuture<Void> sent = client.sendInBackground(all.toByteArray());     // 8 MiB, nothing read

            assertThat(paused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the server stops reading a connection whose peer does not read").isTrue();
            for (int i = 0; i < messages; i++) {
                Frame echo = client.readFrame();
                assertThat(echo.opcode()).isEqualTo(Frame.BINARY);
                assertThat(Arrays.equals(echo.payload(), payload(i, size))).as("echo %d", i).isTrue();
            }
            sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
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
