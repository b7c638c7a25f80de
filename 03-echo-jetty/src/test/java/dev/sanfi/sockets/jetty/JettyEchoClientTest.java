package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

class JettyEchoClientTest {

    /** Held by every test class that starts Jetty clients, so that {@link #closeStopsTheClientsThreads} counts only its own. */
    static final String CLIENT_THREADS = "threads of Jetty's HttpClient";

    private static JettyEchoServer server;
    private static URI uri;

    @BeforeAll
    static void start() throws Exception {
        server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every event as a string, in the order the client reported them. */
    static final class Recorded implements ClientEvents {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onText(String text) {
            events.add("text " + text);
        }

        @Override
        public void onBinary(byte[] data) {
            events.add("binary " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void onClose(int code, String reason) {
            events.add("close " + code + " " + reason);
        }

        @Override
        public void onError(Throwable error) {
            events.add("error " + error);
        }

        String next() throws InterruptedException {
            String event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }
    }

    @Test
    void echoesAndClosesCleanly() throws Exception {
        Recorded recorded = new Recorded();
        try (JettyEchoClient client = JettyEchoClient.connect(uri, recorded)) {
            client.sendText("hello");
            assertThat(recorded.next()).isEqualTo("text hello");
            client.sendBinary("bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(recorded.next()).isEqualTo("binary bytes");
            client.sendClose(1000, "done");
            assertThat(recorded.next()).isEqualTo("close 1000 done");
        }
    }

    @Test
    @ResourceLock(CLIENT_THREADS)
    void closeStopsTheClientsThreads() throws Exception {
        JettyEchoClient client = JettyEchoClient.connect(uri, new Recorded());
        assertThat(jettyClientThreads()).isPositive();
        client.close();
        // Jetty's threads end after stop() returns: wait for it, with a bound.
        await("threads of Jetty's HttpClient to end").atMost(Duration.ofSeconds(10))
                .until(JettyEchoClientTest::jettyClientThreads, count -> count == 0);
        client.close(); // idempotent
    }

    /** The threads of Jetty's HttpClient (its pool and scheduler), which only this test class starts. */
    private static long jettyClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("HttpClient@"))
                .count();
    }

    @Test
    void failsToConnectWhereNothingListens() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        URI nowhere = URI.create("ws://127.0.0.1:" + freePort + "/echo");
        // A ConnectException, the JDK's own word for "nothing listens there", not just any failure.
        assertThatThrownBy(() -> JettyEchoClient.connect(nowhere, new Recorded()))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void refusedUpgradeIsAnError() {
        URI page = URI.create("ws://127.0.0.1:" + server.port() + "/nothing");
        assertThatThrownBy(() -> JettyEchoClient.connect(page, new Recorded())).hasMessageContaining("404");
    }

    @Test
    void theCommandLineClientEchoesAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EchoCommand.run(new dev.sanfi.sockets.common.EchoModule("03-echo-jetty", 8083, JettyEchoServer::start,
                        JettyEchoClient::connect),
                new String[] {"client", uri.toString(), "--message", "one", "--message", "two"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one" + System.lineSeparator() + "two" + System.lineSeparator());
    }
}
