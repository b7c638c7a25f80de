package dev.sanfi.sockets.jakarta.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.jakarta.JakartaEchoServer;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * UTF-8 fail-fast within one frame (Autobahn 6.4.3/6.4.4): the {@link FrameCheckFilter} answers Close 1007
 * while the bad frame is still arriving; Tyrus alone would wait for the whole frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Utf8FailFastTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private JakartaEchoServer server;

    @BeforeAll
    void startServer() throws IOException {
        server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @AfterAll
    void closeServer() {
        server.close();
    }

    @Test
    @DisplayName("RFC 6455 §8.1: the first half of a text frame with 0xFF in it gets Close 1007; the rest is never sent")
    void invalidUtf8InTheFirstHalfOfAFrameIsRefusedAtOnce() throws IOException {
        byte[] payload = new byte[64];
        Arrays.fill(payload, (byte) 'a');
        payload[5] = (byte) 0xff; // never UTF-8
        byte[] frame = Frame.text(payload).toBytes();
        try (WireClient client = WireClient.open(server)) {
            client.sendRaw(Arrays.copyOf(frame, frame.length / 2));
            Close close = client.awaitClose(CLOSE_TIMEOUT);
            assertThat(close.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
    }

    @Test
    @DisplayName("valid text sent byte by byte, multi-byte characters split between reads, is echoed whole")
    void validTextInPiecesIsEchoed() throws IOException {
        String text = "καλημέρα, 😀, ok";
        try (WireClient client = WireClient.open(server)) {
            client.sendInPieces(Frame.text(text).toBytes(), 1);
            assertThat(client.readMessage()).isEqualTo(Message.text(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
