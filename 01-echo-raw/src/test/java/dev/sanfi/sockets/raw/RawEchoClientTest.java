package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The raw client against the raw server, and against a scripted server that writes exact bytes. */
class RawEchoClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Events events = new Events();
    private RawEchoServer server;
    private RawEchoClient client;

    @AfterEach
    void closeEverything() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private URI startServer(ServerSettings settings) throws IOException {
        server = RawEchoServer.start(settings);
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    private URI startServer() throws IOException {
        return startServer(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @Test
    @DisplayName("text (also multi-byte) and binary, up to 1 MiB, come back as sent")
    void echoes() throws Exception {
        client = RawEchoClient.connect(startServer(), events);
        client.sendText("hello");
        assertThat(events.next()).isEqualTo("hello");
        client.sendText("κόσμε 😀");
        assertThat(events.next()).isEqualTo("κόσμε 😀");
        byte[] big = WireBytes.counting(1024 * 1024);
        client.sendBinary(big);
        assertThat((byte[]) events.next()).isEqualTo(big);
        client.sendText("");
        assertThat(events.next()).isEqualTo("");
    }

    @Test
    @DisplayName("RFC 7692: with deflate against the server with --deflate, permessage-deflate is agreed and everything echoes, "
            + "1 MiB of random bytes too; against a server without it, the same, uncompressed")
    void deflate() throws Exception {
        ClientOptions compressing = ClientOptions.defaults().withDeflate(true);
        client = RawEchoClient.connect(startServer(ServerSettings.defaults(0).withHost("127.0.0.1").withDeflate(true)),
                compressing, events);
        assertThat(client.deflate()).as("the server answered our offer with plain permessage-deflate")
                .isEqualTo(DeflateParameters.DEFAULT);
        byte[] random = new byte[1024 * 1024];
        new java.util.Random(7692).nextBytes(random);
        for (int i = 0; i < 3; i++) {
            client.sendText("Hello");
            assertThat(events.next()).isEqualTo("Hello");
            client.sendText("");
            assertThat(events.next()).isEqualTo("");
            client.sendText("κόσμε 😀 ".repeat(1000));
            assertThat(events.next()).isEqualTo("κόσμε 😀 ".repeat(1000));
        }
        client.sendBinary(random);
        assertThat((byte[]) events.next()).isEqualTo(random);
        client.sendClose(1000, "done");
        assertThat(events.next()).isEqualTo(new Closed(1000, "done"));
        client.close();
        server.close();

        client = RawEchoClient.connect(startServer(), compressing, events);
        assertThat(client.deflate()).as("a server without --deflate declines").isNull();
        client.sendText("plain");
        assertThat(events.next()).isEqualTo("plain");
    }

    @Test
    @DisplayName("a clean close: our Close 1000 comes back, then onClose once")
    void cleanClose() throws Exception {
        client = RawEchoClient.connect(startServer(), events);
        client.sendClose(1000, "done");
        assertThat(events.next()).isEqualTo(new Closed(1000, "done"));
        client.close();
        client.close();
        assertThat(events.queue.poll(200, TimeUnit.MILLISECONDS)).as("onClose is called once").isNull();
        assertThatThrownBy(() -> client.sendText("late")).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("a server shutting down closes the client with 1001")
    void serverShutdown() throws Exception {
        client = RawEchoClient.connect(startServer(), events);
        client.sendText("ready");
        assertThat(events.next()).isEqualTo("ready");
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
        assertThat(events.next()).isEqualTo(new Closed(1001, "server shutting down"));
        stopped.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    @DisplayName("the client answers the server's Pings, so a quiet client outlives the idle timeout")
    void answersPings() throws Exception {
        URI uri = startServer(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withPingInterval(Duration.ofMillis(100)).withIdleTimeout(Duration.ofMillis(1500)));
        client = RawEchoClient.connect(uri, events);
        // Many Pings come and go in this time; a client that did not answer them would be closed
        // after 1.5 s. The margin between ping and idle time is for a busy machine's late Pong.
        assertThat(events.queue.poll(3500, TimeUnit.MILLISECONDS)).as("no close after 2 idle timeouts").isNull();
        client.sendText("still here");
        assertThat(events.next()).isEqualTo("still here");
    }

    @Test
    @DisplayName("a refused upgrade fails connect with the server's status")
    void refused() throws IOException {
        URI other = startServer().resolve("/elsewhere");
        assertThatThrownBy(() -> RawEchoClient.connect(other, events))
                .isInstanceOfSatisfying(HandshakeException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    @DisplayName("an unreachable server fails connect with an IOException")
    void unreachable() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> RawEchoClient.connect(URI.create("ws://127.0.0.1:" + freePort + "/"), events))
                .isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("any server at any path: frames right behind the 101 are read, Pings get masked Pongs, "
            + "a connection that just ends is reported as 1006")
    void scriptedServer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> pong = CompletableFuture.supplyAsync(() -> playServer(listener));
            client = RawEchoClient.connect(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/any/path?x=1"), events);
            assertThat(events.next()).isEqualTo("Hello");
            byte[] frame = pong.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame[0] & 0xFF).as("FIN + PONG").isEqualTo(0x8A);
            assertThat(frame[1] & 0xFF).as("masked, 2 bytes").isEqualTo(0x82);
            byte[] payload = {(byte) (frame[6] ^ frame[2]), (byte) (frame[7] ^ frame[3])};
            assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("hi");
            assertThat(events.next()).isEqualTo(new Closed(1006, "the connection ended without a Close frame"));
        }
    }

    /** Accepts one connection, answers the upgrade with a text frame and a Ping in the same write, returns the Pong. */
    private static byte[] playServer(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            InputStream in = socket.getInputStream();
            byte[] head = new byte[8192];
            int length = 0;
            while (HttpHead.endOf(head, length) < 0) {
                length += in.read(head, length, head.length - length);
            }
            HttpHead request = HttpHead.parse(java.util.Arrays.copyOf(head, length));
            assertThat(request.startLine()).isEqualTo("GET /any/path?x=1 HTTP/1.1");
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Handshake.acceptKey(request.value("Sec-WebSocket-Key")) + "\r\n\r\n";
            socket.getOutputStream().write(WireBytes.concat(response.getBytes(StandardCharsets.US_ASCII),
                    WireBytes.of(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),      // §5.7 "Hello"
                    WireBytes.of(0x89, 0x02, 'h', 'i')));                       // Ping "hi"
            return in.readNBytes(8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Closed(int code, String reason) {
    }

    /** What the client reported, in order: a String, a byte[], a Closed or a Throwable. */
    static final class Events implements ClientEvents {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        Object next() throws InterruptedException {
            Object event = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + TIMEOUT).isNotNull();
            return event;
        }

        @Override
        public void onText(String text) {
            queue.add(text);
        }

        @Override
        public void onBinary(byte[] data) {
            queue.add(data);
        }

        @Override
        public void onClose(int code, String reason) {
            queue.add(new Closed(code, reason));
        }

        @Override
        public void onError(Throwable error) {
            queue.add(error);
        }
    }
}
