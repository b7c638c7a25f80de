package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Jakarta client against this module's server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JakartaEchoClientTest {

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

    @Test
    @DisplayName("text and binary come back, then a Close 1000 is answered with 1000")
    void echoesAndClosesCleanly() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (JakartaEchoClient client = JakartaEchoClient.connect(echo, events)) {
            client.sendText("Hello, κόσμε");
            assertThat(events.next()).isEqualTo("text:Hello, κόσμε");
            client.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
            assertThat(events.next()).isEqualTo("binary:00 01 02 ff");
            client.sendClose(1000, "done");
            assertThat(events.next()).isEqualTo("close:1000");
        }
    }

    @Test
    @DisplayName("a large binary message (1 MiB, the server's limit) comes back whole")
    void largeMessageComesBack() throws Exception {
        RecordingEvents events = new RecordingEvents();
        byte[] data = new byte[1024 * 1024];
        data[data.length - 1] = 42;
        try (JakartaEchoClient client = JakartaEchoClient.connect(echo, events)) {
            client.sendText(new String(new char[1024 * 1024]).replace('\0', 'a'));
            assertThat(events.next()).hasSize("text:".length() + 1024 * 1024);
            client.sendBinary(data);
            assertThat(events.next()).startsWith("binary:00 00").endsWith("2a");
        }
    }

    @Test
    @DisplayName("the server's stop reaches the client as Close 1001 Going Away, not 1006")
    void serverStopIsGoingAway() throws Exception {
        JakartaEchoServer own = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        RecordingEvents events = new RecordingEvents();
        try (JakartaEchoClient client = JakartaEchoClient.connect(
                URI.create("ws://127.0.0.1:" + own.port() + "/echo"), events)) {
            client.sendText("hi");
            assertThat(events.next()).isEqualTo("text:hi");
            own.close();
            assertThat(events.next()).isEqualTo("close:1001");
        } finally {
            own.close();
        }
    }

    @Test
    @DisplayName("a refused upgrade (404) fails connect at once instead of hanging")
    void refusedUpgradeFailsConnect() {
        URI nowhere = URI.create("ws://127.0.0.1:" + server.port() + "/nowhere");
        assertThatThrownBy(() -> JakartaEchoClient.connect(nowhere, new RecordingEvents()).close())
                .isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to " + nowhere + ": ")
                // Tyrus says "Handshake error." on top; the status is in its cause, which the console client prints
                .rootCause().hasMessageContaining("404");
    }

    /** Every event as one line, in order. */
    static final class RecordingEvents implements ClientEvents {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        /** Whether no event is waiting to be read. */
        boolean nothingYet() {
            return lines.isEmpty();
        }

        String next() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("an event within 10 s").isNotNull();
            return line;
        }

        @Override
        public void onText(String text) {
            lines.add("text:" + text);
        }

        @Override
        public void onBinary(byte[] data) {
            // Short messages in full; long ones by their first two bytes and their last one.
            lines.add("binary:" + (data.length <= 8 ? HexFormat.ofDelimiter(" ").formatHex(data)
                    : HexFormat.ofDelimiter(" ").formatHex(data, 0, 2) + " … "
                            + HexFormat.of().formatHex(data, data.length - 1, data.length)));
        }

        @Override
        public void onClose(int code, String reason) {
            lines.add("close:" + code);
        }

        @Override
        public void onError(Throwable error) {
            lines.add("error:" + error);
        }
    }
}
