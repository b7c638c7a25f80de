package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the chat survives that the echo servers survive (issue 20): each test is one way a client can
 * try to make the server buffer without end, hold a socket forever, or fail without a Close.
 */
class ChatBoundsTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    private ChatServer start(ChatSettings settings) throws Exception {
        ChatServer server = ChatServer.start(settings.withHost("127.0.0.1"));
        opened.add(server);
        return server;
    }

    private ChatServer start() throws Exception {
        return start(ChatSettings.defaults(0, 0));
    }

    private WireClient connect(ChatServer server) throws IOException {
        WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.wsPort()));
        opened.add(0, client); // clients close before the server
        return client;
    }

    private WireMember join(ChatServer server, String name) throws Exception {
        WireMember member = WireMember.join(server.wsPort(), name);
        opened.add(0, member);
        // With the tests' short timers a Ping may come first, even before the welcome (RFC 6455 §5.5.2: any time).
        nextEventAnsweringPings(member, "welcome");
        nextEventAnsweringPings(member, "joined");
        return member;
    }

    /** The next event of a type, answering the server's Pings on the way, as a browser does. */
    private static com.fasterxml.jackson.databind.JsonNode nextEventAnsweringPings(WireMember member, String type)
            throws Exception {
        while (true) {
            Frame frame = member.nextFrame();
            if (frame.opcode() == Frame.PING) {
                member.send(Frame.pong(frame.payload()));
            } else if (frame.opcode() == Frame.TEXT && ChatCodec.parse(frame.text()).path("type").asText().equals(type)) {
                return ChatCodec.parse(frame.text());
            }
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("slow loris: 50 upgrade requests that never finish are closed at the handshake timeout")
    void unfinishedHandshakesAreClosedAtTheTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        ChatServer server = start(ChatSettings.defaults(0, 0).withHandshakeTimeout(timeout));
        List<WireClient> loris = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            WireClient client = connect(server);
            // one byte per write; the empty line that ends the head never comes
            client.sendInPieces(("GET /chat?name=loris" + i + " HTTP/1.1\r\nHost: " + client.host()
                    + "\r\nUpgrade: websocket\r\n").getBytes(StandardCharsets.US_ASCII), 1);
            loris.add(client);
        }
        for (WireClient client : loris) {
            assertThat(client.readToEof(timeout.plus(WireMember.TIMEOUT))).as("nothing is answered, TCP is closed").isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the timeout")
                .isGreaterThanOrEqualTo(timeout.dividedBy(2));
        assertThat(join(server, "after")).as("the server still accepts members").isNotNull();
    }

    @Test
    @DisplayName("a request head over 8 KiB (10,000 headers, or one 1 MiB line) gets 431 and TCP closed; 7 KiB is still accepted")
    void oversizedRequestHeadsGet431() throws Exception {
        ChatServer server = start();
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            manyHeaders.append("X-Header-").append(i).append(": v\r\n");
        }
        WireClient many = connect(server);
        String valid = many.upgradeRequest().withTarget("/chat?name=many").text();
        byte[] head = (valid.substring(0, valid.length() - 2) + manyHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        WireClient longLine = connect(server);
        byte[] longHead = longLine.upgradeRequest().withTarget("/chat?name=long")
                .withHeader("X-Filler", "a".repeat(1024 * 1024)).toBytes();
        for (var sent : List.of(java.util.Map.entry(many, head), java.util.Map.entry(longLine, longHead))) {
            WireClient client = sent.getKey();
            client.sendInBackground(sent.getValue()); // the server stops reading at 8 KiB
            HttpResponse response = client.readResponse(WireMember.TIMEOUT);
            assertThat(response.status()).as("RFC 6585 §5").isEqualTo(431);
            client.readToEof(WireMember.TIMEOUT);
        }

        WireClient large = connect(server);
        HandshakeRequest request = large.upgradeRequest().withTarget("/chat?name=large");
        int filler = 7 * 1024 - request.toBytes().length - "X-Filler: \r\n".length();
        request = request.withHeader("X-Filler", "a".repeat(filler));
        assertThat(request.toBytes()).hasSize(7 * 1024);
        assertThat(large.upgrade(request).status()).isEqualTo(101);
    }

    @Test
    @DisplayName("1,000 connections opened at once (20× the JDK's backlog): none waits for a SYN retransmission, each gets its 101")
    void aBurstOfConnectionsIsAccepted() throws Exception {
        ChatServer server = start();
        int count = 1_000; // the 2,000 take 4-5 s more, most of it the joined/left broadcasts to everyone
        List<WireClient> clients = new ArrayList<>();
        long slowestConnect = 0;
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            WireClient client = connect(server);
            slowestConnect = Math.max(slowestConnect, System.nanoTime() - before);
            client.sendRaw(client.upgradeRequest().withTarget("/chat?name=m" + i).toBytes());
            clients.add(client);
        }
        // With the JDK's default backlog of 50, the kernel drops the SYNs of a burst and each client
        // waits out TCP's retransmission timer, 1 s at least.
        assertThat(Duration.ofNanos(slowestConnect)).as("the slowest connect").isLessThan(Duration.ofSeconds(1));
        for (WireClient client : clients) {
            assertThat(client.readResponse(WireMember.TIMEOUT).status()).isEqualTo(101);
        }
    }

    @Test
    @DisplayName("a member that never reads and never answers pings gets Pings, then Close 1001 at the idle timeout, then TCP closed")
    void idleMemberGetsClose1001() throws Exception {
        // 1.3 s between a Ping and the idle close, for a busy machine's late Pong from alice.
        Duration ping = Duration.ofMillis(200);
        Duration idle = Duration.ofMillis(1500);
        ChatServer server = start(ChatSettings.defaults(0, 0).withTimers(ping, idle));
        WireMember alice = join(server, "alice");
        long start = System.nanoTime();
        WireMember stalled = WireMember.stalled(server.wsPort(), "stalled");
        opened.add(0, stalled);
        assertThat(nextEventAnsweringPings(alice, "left").path("name").asText()).isEqualTo("stalled");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the idle timeout")
                .isGreaterThanOrEqualTo(idle.dividedBy(2));

        List<Frame> frames = stalled.framesUntilEnd();
        assertThat(frames).extracting(Frame::opcode).contains(Frame.PING);
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.opcode()).isEqualTo(Frame.CLOSE);
        assertThat(Close.parse(last.payload()).code()).isEqualTo(1001);
    }

    @Test
    @DisplayName("any frame counts as life: a member that answers the server's Pings stays past twice the idle timeout")
    void answeringPingsKeepsAMember() throws Exception {
        // 1.3 s between a Ping and the idle close, for a busy machine's late Pong.
        Duration ping = Duration.ofMillis(200);
        Duration idle = Duration.ofMillis(1500);
        ChatServer server = start(ChatSettings.defaults(0, 0).withTimers(ping, idle));
        WireMember alice = join(server, "alice");
        long start = System.nanoTime();
        int pings = 0;
        while (System.nanoTime() - start < idle.multipliedBy(2).toNanos()) {
            Frame frame = alice.nextFrame(); // the server's Pings set the pace
            assertThat(frame.opcode()).as("only Pings while silent, no Close").isEqualTo(Frame.PING);
            alice.send(Frame.pong(frame.payload()));
            pings++;
        }
        assertThat(pings).isGreaterThanOrEqualTo(2);
        alice.sendMessage("still here");
        assertThat(nextEventAnsweringPings(alice, "message").path("text").asText()).isEqualTo("still here");
    }

    @Test
    @DisplayName("a message growing past 1 MiB in non-final fragments: Close 1009 at the fragment that passes the limit, then TCP closed")
    void fragmentsPastTheLimitGet1009AtOnce() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        int fragment = 64 * 1024;
        alice.send(Frame.text(new byte[fragment]).notFinal());
        for (int sent = fragment; sent < Limits.MAX_MESSAGE_BYTES; sent += fragment) {
            alice.send(Frame.continuation(new byte[fragment]).notFinal());
        }
        alice.send(Frame.ping("at the limit".getBytes(StandardCharsets.US_ASCII)));
        assertThat(alice.nextFrame().opcode()).as("exactly 1 MiB so far: still open").isEqualTo(Frame.PONG);

        // 64 MiB more, never final: the server must refuse at the first byte over, not buffer it all
        byte[] more = Frame.concat(java.util.stream.Stream.generate(() -> Frame.continuation(new byte[fragment]).notFinal())
                .limit(1024).toArray(Frame[]::new));
        alice.sendInBackground(more);
        Close close = alice.nextClose();
        assertThat(close.code()).isEqualTo(1009);
        try {
            alice.send(Frame.close(1009, ""));
        } catch (IOException e) {
            // the server may have given up on reading already; its Close has arrived, which is what counts
        }
        long afterOurClose = System.nanoTime();
        alice.awaitEnd();
        assertThat(Duration.ofNanos(System.nanoTime() - afterOurClose)).as("TCP closed at our Close, before the linger")
                .isLessThan(ChatLimits.CLOSE_LINGER);
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close whose reason is not UTF-8 gets Close 1007, then TCP closed")
    void closeReasonNotUtf8Gets1007() throws Exception {
        ChatServer server = start();
        WireMember bob = join(server, "bob");
        WireMember alice = join(server, "alice");
        bob.nextEvent("joined");
        alice.send(Frame.close(1000, new byte[] {'b', 'y', 'e', (byte) 0xFF}));
        assertThat(alice.nextClose().code()).isEqualTo(1007);
        alice.awaitEnd();
        assertThat(bob.nextEvent("left").path("name").asText()).isEqualTo("alice");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1, §7.4: a 1-byte Close gets Close 1002, then TCP closed")
    void oneByteCloseGets1002() throws Exception {
        ChatServer server = start();
        WireMember bob = join(server, "bob");
        WireMember alice = join(server, "alice");
        bob.nextEvent("joined");
        alice.send(Frame.of(Frame.CLOSE, new byte[] {0x03}));
        assertThat(alice.nextClose().code()).isEqualTo(1002);
        alice.awaitEnd();
        assertThat(bob.nextEvent("left").path("name").asText()).isEqualTo("alice");
    }
}
