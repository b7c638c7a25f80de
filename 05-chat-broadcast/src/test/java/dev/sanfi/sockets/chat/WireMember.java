package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A chat member for tests: the testkit's {@link WireClient} (a plain socket that shares no code with
 * Java-WebSocket) plus what is the chat's own: the name in the URL, JSON events, and a thread that
 * reads every frame as it arrives (a member that reads promptly, so that the server never counts it
 * as slow). {@link #stalled} makes one that never reads after the handshake.
 */
final class WireMember implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** How long the reading thread waits for the next frame: as long as the test runs; close() ends it. */
    private static final Duration READ_UNTIL_CLOSED = Duration.ofDays(1);

    /** What the reading thread got: a frame, or (frame null) the end of the connection and what ended it. */
    private record Received(Frame frame, Throwable failure) {
    }

    private final WireClient client;
    private final HttpResponse response;
    /** The member's side of permessage-deflate when the server agreed to it, else null. */
    private final dev.sanfi.sockets.testkit.DeflatePeer deflate;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private int compressedEvents;

    private WireMember(WireClient client, HttpResponse response, boolean read) {
        this.client = client;
        this.response = response;
        dev.sanfi.sockets.testkit.NegotiatedDeflate agreed = response.status() == 101
                ? dev.sanfi.sockets.testkit.NegotiatedDeflate.of(response) : null;
        this.deflate = agreed == null ? null
                : new dev.sanfi.sockets.testkit.DeflatePeer(!agreed.clientNoContextTakeover(), !agreed.serverNoContextTakeover());
        if (read && response.status() == 101) {
            reader = new Thread(this::readFrames, "wire-member-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            reader = null;
        }
    }

    /** Joins as {@code name} (a valid upgrade, checked as RFC 6455 §4.1 says) and reads promptly. */
    static WireMember join(int port, String name) throws IOException {
        return joined(WireClient.connect(address(port)), name, true);
    }

    /**
     * Joins as {@code name} over {@code wss://}: TLS first, trusting {@code trust} and checking the
     * certificate against {@code host} (sent as SNI unless an IP literal), then the same upgrade.
     */
    static WireMember joinTls(int port, String name, javax.net.ssl.SSLContext trust, String host) throws IOException {
        return joined(WireClient.connectTls(new InetSocketAddress(host, port), trust, host), name, true);
    }

    /**
     * Joins as {@code name} offering {@code Sec-WebSocket-Extensions: offer} (a valid upgrade, checked as
     * RFC 6455 §4.1 says); when the server agrees to permessage-deflate the member compresses and inflates.
     */
    static WireMember joinOffering(int port, String name, String offer) throws IOException {
        WireClient client = WireClient.connect(address(port));
        try {
            String target = "/chat?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            return new WireMember(client, client.upgrade(client.upgradeRequest().withTarget(target)
                    .withHeader("Sec-WebSocket-Extensions", offer)), true);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    /** A header of the server's answer to the upgrade, or null. */
    String responseHeader(String name) {
        return response.header(name);
    }

    /** Whether the server agreed to permessage-deflate. */
    boolean compressed() {
        return deflate != null;
    }

    /** A chat message event, compressed (RSV1 on its one frame, RFC 7692 §6); needs the server's agreement. */
    void sendCompressedMessage(String text) throws IOException {
        send(Frame.text(deflate.compress(ChatCodec.encodeMessage(text).getBytes(StandardCharsets.UTF_8)))
                .withRsv(Frame.RSV1));
    }

    /** {@link #stalled} over {@code wss://}: joins through TLS with a tiny receive buffer, then never reads again. */
    static WireMember stalledTls(int port, String name, javax.net.ssl.SSLContext trust, String host) throws IOException {
        return joined(WireClient.connectTls(new InetSocketAddress(host, port), trust, host, 4096, 0), name, false);
    }

    /** Comes back as {@code name} with the token of its last welcome and the last seq it saw. */
    static WireMember resume(int port, String name, String token, long since) throws IOException {
        WireClient client = WireClient.connect(address(port));
        try {
            String target = "/chat?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&since=" + since;
            return new WireMember(client, client.upgrade(client.upgradeRequest().withTarget(target)), true);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    /**
     * Joins as {@code name} with a tiny receive buffer, then never reads again: the member whose
     * unsent data piles up on the server.
     */
    static WireMember stalled(int port, String name) throws IOException {
        // The buffer is set before connecting, so that the TCP window is small from the start.
        return joined(WireClient.connect(address(port), 4096, 0), name, false);
    }

    /** Sends an upgrade request for {@code target} with extra headers; reads frames if it succeeds. */
    static WireMember upgrade(int port, String target, Map<String, String> headers) throws IOException {
        WireClient client = WireClient.connect(address(port));
        try {
            HandshakeRequest request = client.upgradeRequest().withTarget(target);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                request = request.withHeader(header.getKey(), header.getValue());
            }
            return new WireMember(client, client.exchange(request), true);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private static WireMember joined(WireClient client, String name, boolean read) throws IOException {
        try {
            String target = "/chat?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            return new WireMember(client, client.upgrade(client.upgradeRequest().withTarget(target)), read);
        } catch (IOException | RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The status line of the answer to the upgrade request, e.g. {@code HTTP/1.1 101 Switching Protocols}. */
    String statusLine() {
        return response.httpVersion() + " " + response.status() + " " + response.reason();
    }

    /** One frame as it is (the testkit's {@link Frame} builds any, masked with a fixed key). */
    void send(Frame frame) throws IOException {
        client.send(frame);
    }

    void sendText(String text) throws IOException {
        send(Frame.text(text));
    }

    /** A chat message event with this text, as the chat page sends it. */
    void sendMessage(String text) throws IOException {
        sendText(ChatCodec.encodeMessage(text));
    }

    /** The next frame, waiting at most {@link #TIMEOUT}; fails the test when none comes or the connection ended. */
    Frame nextFrame() throws InterruptedException {
        Received next = next();
        if (next.frame() == null) {
            throw new AssertionError("expected a frame, but the connection ended", next.failure());
        }
        return next.frame();
    }

    /** The next frame, which must be a Close: its code and reason (RFC 6455 §5.5.1). */
    Close nextClose() throws InterruptedException {
        Frame frame = nextFrame();
        assertThat(frame.opcode()).as("a Close frame, got %s", frame).isEqualTo(Frame.CLOSE);
        return Close.parse(frame.payload());
    }

    /** Skips events until the server's Close frame: its code and reason. */
    Close eventsUntilClose() throws InterruptedException {
        while (true) {
            Frame frame = nextFrame();
            if (frame.opcode() == Frame.CLOSE) {
                return Close.parse(frame.payload());
            }
            assertThat(frame.opcode()).as("a text frame or the Close, got %s", frame).isEqualTo(Frame.TEXT);
        }
    }

    /** Waits until the server has closed TCP, with no frame before the end. */
    void awaitEnd() throws InterruptedException {
        Received next = next();
        if (next.failure() != null) {
            throw new AssertionError("expected the end of the connection, but reading failed", next.failure());
        }
        assertThat(next.frame()).as("the end of the connection, not a frame").isNull();
    }

    private Received next() throws InterruptedException {
        Received next = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(next).as("a frame or the end of the connection within %s", TIMEOUT).isNotNull();
        return next;
    }

    /** The next event: a text frame, inflated first when it came compressed, parsed. */
    JsonNode nextEvent() throws InterruptedException {
        Frame frame = nextFrame();
        assertThat(frame.opcode()).as("a text frame, got %s", frame).isEqualTo(Frame.TEXT);
        if (frame.rsv() == Frame.RSV1) {
            compressedEvents++;
            return ChatCodec.parse(new String(deflate.inflate(frame.payload()), StandardCharsets.UTF_8));
        }
        return ChatCodec.parse(frame.text());
    }

    /** How many events came compressed so far. */
    int compressedEvents() {
        return compressedEvents;
    }

    /** The next event of a type, skipping others; for tests that do not care about joins. */
    JsonNode nextEvent(String type) throws InterruptedException {
        while (true) {
            JsonNode event = nextEvent();
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
    }

    /** Every event up to and including the first that matches, in order. */
    List<JsonNode> eventsUntil(Predicate<JsonNode> last) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode event = nextEvent();
            events.add(event);
            if (last.test(event)) {
                return events;
            }
        }
    }

    /**
     * For a stalled member: starts reading now and drains everything until the server closes the
     * socket. Returns true when the end came within the timeout.
     */
    boolean drainsToEnd() throws IOException {
        return client.closesWithin(TIMEOUT);
    }

    /** For a stalled member: starts reading now and returns every frame until the server closes TCP. */
    List<Frame> framesUntilEnd() throws IOException {
        List<Frame> frames = new ArrayList<>();
        Optional<Frame> frame;
        while ((frame = client.readFrameOrEnd(TIMEOUT)).isPresent()) {
            frames.add(frame.get());
        }
        return frames;
    }

    /** Writes from a background thread, for data the server may stop reading half-way. */
    java.util.concurrent.CompletableFuture<Void> sendInBackground(byte[] bytes) {
        return client.sendInBackground(bytes);
    }

    private void readFrames() {
        try {
            Optional<Frame> frame;
            while ((frame = client.readFrameOrEnd(READ_UNTIL_CLOSED)).isPresent()) {
                received.add(new Received(frame.get(), null));
            }
            received.add(new Received(null, null));
        } catch (IOException | RuntimeException | AssertionError e) {
            // a frame no server may send, or one cut off: nextFrame() reports it to the test
            received.add(new Received(null, e));
        }
    }

    @Override
    public void close() {
        if (deflate != null) {
            deflate.close();
        }
        client.close();
        if (reader != null) {
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
