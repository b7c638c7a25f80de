package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * After failing a connection the server shuts only its output and goes on reading: a peer still
 * sending the rest of a too-large frame can finish, read the Close, and is not reset.
 */
class FailedConnectionDrainTest {

    private static final int LIMIT = 64 * 1024;

    private NettyEchoServer server;

    @BeforeEach
    void start() throws IOException {
        server = NettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withMaxMessageBytes(LIMIT));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a frame far over the limit: Close 1009, the sender finishes, then TCP closes")
    void senderOfAnOversizedFrameIsNotReset() throws Exception {
        try (WireClient client = WireClient.open(server)) {
            // 64 times the limit: far more than the socket buffers hold, so the server must read it.
            CompletableFuture<Void> sent = client.sendInBackground(Frame.binary(new byte[LIMIT * 64]).toBytes());

            Close close = client.awaitClose();

            assertThat(close.code()).isEqualTo(1009);
            sent.get(WireClient.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(sent).isCompleted().isNotCompletedExceptionally();
            client.acknowledgeClose(close);
            client.awaitEof();
        }
    }
}
