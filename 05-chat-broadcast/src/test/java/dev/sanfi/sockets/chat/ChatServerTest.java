package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chat over real sockets: the server on port 0, members on plain sockets ({@link WireMember}). */
class ChatServerTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    private ChatServer start(ChatSettings settings) throws Exception {
        ChatServer server = ChatServer.start(settings.withHost("127.0.0.1"));
        opened.add(server);
        return server;
    }

    private ChatServer start() throws Exception {
        return start(ChatSettings.defaults(0, 0));
    }

    private WireMember join(ChatServer server, String name) throws Exception {
        WireMember member = WireMember.join(server.wsPort(), name);
        opened.add(0, member); // members close before the server
        JsonNode welcome = member.nextEvent();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("you").asText()).isEqualTo(name);
        return member;
    }

    private WireMember upgrade(ChatServer server, String target, Map<String, String> headers) throws Exception {
        WireMember member = WireMember.upgrade(server.wsPort(), target, headers);
        opened.add(0, member);
        return member;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("20 members × 25 messages: every member sees all 500 in one order, with contiguous seq")
    void everyMemberSeesEveryMessageInOneOrder() throws Exception {
        ChatServer server = start();
        int members = 20;
        int perMember = 25;
        List<WireMember> room = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            room.add(join(server, "m" + i));
        }
        for (int j = 0; j < perMember; j++) {
            for (int i = 0; i < members; i++) {
                room.get(i).sendMessage("m" + i + " says " + j);
            }
        }
        List<String> reference = null;
        for (int i = 0; i < members; i++) {
            List<String> messages = new ArrayList<>();
            long expectedSeq = -1;
            int[] nextFromEach = new int[members];
            while (messages.size() < members * perMember) {
                JsonNode event = room.get(i).nextEvent();
                long seq = event.path("seq").asLong();
                if (expectedSeq >= 0) {
                    assertThat(seq).as("member m%d: seq after %d", i, expectedSeq - 1).isEqualTo(expectedSeq);
                }
                expectedSeq = seq + 1;
                if (event.path("type").asText().equals("message")) {
                    int from = Integer.parseInt(event.path("from").asText().substring(1));
                    assertThat(event.path("text").asText()).as("m%d's messages in the order sent", from)
                            .isEqualTo("m" + from + " says " + nextFromEach[from]++);
                    messages.add(seq + " " + event.path("from").asText() + " " + event.path("text").asText());
                } else {
                    assertThat(event.path("type").asText()).isEqualTo("joined");
                }
            }
            if (reference == null) {
                reference = messages;
            } else {
                assertThat(messages).as("member m%d sees the same order as m0", i).isEqualTo(reference);
            }
        }
    }

    @Test
    @DisplayName("a new member's welcome lists the members and the last 50 messages")
    void welcomeCarriesMembersAndHistory() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0).withRate(1000, 1000));
        WireMember alice = join(server, "alice");
        long joinedSeq = alice.nextEvent("joined").path("seq").asLong();
        for (int i = 0; i < 55; i++) {
            alice.sendMessage("message " + i);
        }
        JsonNode last = alice.eventsUntil(e -> e.path("text").asText().equals("message 54")).get(54);
        assertThat(last.path("seq").asLong()).isEqualTo(joinedSeq + 55);

        WireMember bob = WireMember.join(server.wsPort(), "bob");
        opened.add(0, bob);
        JsonNode welcome = bob.nextEvent();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("members")).extracting(JsonNode::asText).containsExactly("alice", "bob");
        JsonNode history = welcome.path("history");
        assertThat(history).hasSize(ChatLimits.HISTORY_SIZE);
        for (int i = 0; i < ChatLimits.HISTORY_SIZE; i++) {
            JsonNode message = history.get(i);
            assertThat(message.path("type").asText()).isEqualTo("message");
            assertThat(message.path("from").asText()).isEqualTo("alice");
            assertThat(message.path("text").asText()).isEqualTo("message " + (i + 5));
            assertThat(message.path("seq").asLong()).isEqualTo(joinedSeq + 6 + i);
        }
        JsonNode joined = bob.nextEvent();
        assertThat(joined.path("type").asText()).isEqualTo("joined");
        assertThat(joined.path("seq").asLong()).as("right after the history").isEqualTo(joinedSeq + 56);
    }

    @Test
    @DisplayName("joined and left go to everyone, numbered in one sequence")
    void joinedAndLeft() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        JsonNode aliceJoined = alice.nextEvent();
        assertThat(aliceJoined.path("type").asText()).isEqualTo("joined");
        assertThat(aliceJoined.path("name").asText()).isEqualTo("alice");
        assertThat(aliceJoined.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        long seq = aliceJoined.path("seq").asLong();

        WireMember bob = join(server, "bob");
        JsonNode bobJoined = alice.nextEvent();
        assertThat(bobJoined.path("type").asText()).isEqualTo("joined");
        assertThat(bobJoined.path("name").asText()).isEqualTo("bob");
        assertThat(bobJoined.path("seq").asLong()).isEqualTo(seq + 1);
        assertThat(bob.nextEvent().path("seq").asLong()).as("bob sees his own joined").isEqualTo(seq + 1);

        bob.send(Frame.close(1000, ""));
        assertThat(bob.nextClose().code()).isEqualTo(1000);
        JsonNode bobLeft = alice.nextEvent();
        assertThat(bobLeft.path("type").asText()).isEqualTo("left");
        assertThat(bobLeft.path("name").asText()).isEqualTo("bob");
        assertThat(bobLeft.path("seq").asLong()).isEqualTo(seq + 2);
    }

    @Test
    @DisplayName("bad input: an error to the sender only, nothing broadcast, the connection stays")
    void badInputGetsAnErrorAndTheConnectionStays() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        WireMember bob = join(server, "bob");
        alice.nextEvent("joined"); // her own
        long bobJoined = alice.nextEvent("joined").path("seq").asLong();
        bob.nextEvent("joined");

        String[][] cases = {
                {"not json", "malformed JSON"},
                {"[1,2]", "malformed JSON"},
                {"{\"type\":\"shout\",\"text\":\"hi\"}", "unknown type"},
                {"{\"text\":\"hi\"}", "unknown type"},
                {"{\"type\":\"message\"}", "text must be a string"},
                {"{\"type\":\"message\",\"text\":42}", "text must be a string"},
                {"{\"type\":\"message\",\"text\":\"\"}", "empty text"},
                {"{\"type\":\"message\",\"text\":\"" + "x".repeat(ChatLimits.MAX_TEXT_CHARS + 1) + "\"}", "text too long"},
        };
        for (String[] bad : cases) {
            alice.sendText(bad[0]);
            JsonNode error = alice.nextEvent();
            assertThat(error.path("type").asText()).as("answer to %s", bad[0]).isEqualTo("error");
            assertThat(error.path("reason").asText()).startsWith(bad[1]);
        }
        alice.send(Frame.binary(new byte[] {1, 2, 3}));
        assertThat(alice.nextEvent().path("reason").asText()).contains("binary");

        alice.sendMessage("x".repeat(ChatLimits.MAX_TEXT_CHARS));
        JsonNode message = bob.nextEvent();
        assertThat(message.path("type").asText()).as("bob saw no error, only the good message").isEqualTo("message");
        assertThat(message.path("seq").asLong()).as("nothing was broadcast in between").isEqualTo(bobJoined + 1);
        assertThat(alice.nextEvent().path("seq").asLong()).isEqualTo(bobJoined + 1);
    }

    @Test
    @DisplayName("more than 40 messages at once: the excess is refused, not broadcast")
    void rateLimit() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        WireMember bob = join(server, "bob");
        alice.nextEvent("joined");
        alice.nextEvent("joined");
        bob.nextEvent("joined");
        int sent = 60;
        for (int i = 0; i < sent; i++) {
            alice.sendMessage("flood " + i);
        }
        alice.send(Frame.close(1000, ""));
        int messages = 0;
        int errors = 0;
        while (messages + errors < sent) {
            JsonNode event = alice.nextEvent();
            if (event.path("type").asText().equals("error")) {
                assertThat(event.path("reason").asText()).startsWith("too many messages");
                errors++;
            } else {
                assertThat(event.path("type").asText()).isEqualTo("message");
                messages++;
            }
        }
        // 40 at once, plus what 20 a second refills while the 60 arrive
        assertThat(messages).isBetween(ChatLimits.MESSAGE_BURST, sent - 1);
        List<JsonNode> seenByBob = bob.eventsUntil(e -> e.path("type").asText().equals("left"));
        assertThat(seenByBob).hasSize(messages + 1);
        assertThat(seenByBob).noneMatch(e -> e.path("type").asText().equals("error"));
    }

    @Test
    @DisplayName("a missing, invalid or taken name: an error event, then Close 1008")
    void badNamesAreRefused() throws Exception {
        ChatServer server = start();
        join(server, "alice");
        String[][] cases = {
                {"/chat", "a name is required"},
                {"/chat?name=", "a name is required"},
                {"/chat?name=a%20b", "invalid name"},
                {"/chat?name=" + "x".repeat(33), "invalid name"},
                {"/chat?name=%3Cscript%3E", "invalid name"},
                {"/chat?name=alice", "name taken: alice"},
        };
        for (String[] bad : cases) {
            WireMember member = upgrade(server, bad[0], Map.of());
            assertThat(member.statusLine()).contains(" 101 ");
            JsonNode error = member.nextEvent();
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("reason").asText()).as(bad[0]).startsWith(bad[1]);
            Close close = member.nextClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).startsWith(bad[1]);
        }
    }

    @Test
    @DisplayName("a frame over 1 MiB: Close 1009")
    void oversizedFrame() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        alice.nextEvent("joined");
        try {
            alice.send(Frame.text(new byte[dev.sanfi.sockets.common.Limits.MAX_MESSAGE_BYTES + 1]));
        } catch (IOException e) {
            // the server may close before it has read it all; its Close frame is what counts
        }
        assertThat(alice.nextClose().code()).isEqualTo(1009);
    }

    @Test
    @DisplayName("a fragmented message growing past 1 MiB: Close 1009")
    void oversizedFragmentedMessage() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        alice.nextEvent("joined");
        byte[] half = new byte[dev.sanfi.sockets.common.Limits.MAX_MESSAGE_BYTES / 2 + 1];
        try {
            alice.send(Frame.text(half).notFinal());
            alice.send(Frame.continuation(half));
        } catch (IOException e) {
            // as above: the Close frame is what counts
        }
        assertThat(alice.nextClose().code()).isEqualTo(1009);
    }

    @Test
    @DisplayName("origin: no Origin and the chat page's own origin are accepted; a foreign one gets 404 (the library's only refusal)")
    void originCheck() throws Exception {
        ChatServer server = start();
        assertThat(upgrade(server, "/chat?name=plain", Map.of()).statusLine()).contains(" 101 ");
        assertThat(upgrade(server, "/chat?name=page",
                Map.of("Origin", "http://127.0.0.1:" + server.pagePort())).statusLine()).contains(" 101 ");
        assertThat(upgrade(server, "/chat?name=evil", Map.of("Origin", "http://evil.example")).statusLine())
                .startsWith("HTTP/1.1 404");
        assertThat(upgrade(server, "/chat?name=wsport",
                Map.of("Origin", "http://127.0.0.1:" + server.wsPort())).statusLine()).startsWith("HTTP/1.1 404");
        assertThat(upgrade(server, "/other?name=x", Map.of()).statusLine()).startsWith("HTTP/1.1 404");
    }

    @Test
    @DisplayName("RFC 6455 §9.1: a Sec-WebSocket-Extensions that breaks the grammar is refused (404, the library's only refusal); a valid list is not")
    void malformedExtensionHeaderIsRefused() throws Exception {
        ChatServer server = start();
        assertThat(upgrade(server, "/chat?name=broken",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=\"1 5\"")).statusLine())
                .startsWith("HTTP/1.1 404");
        assertThat(upgrade(server, "/chat?name=spaced",
                Map.of("Sec-WebSocket-Extensions", "x-unknown ; a=1 , , x-other;b")).statusLine()).contains(" 101 ");
    }

    @Test
    @DisplayName("--allow-origin lets a listed page in")
    void allowedOrigin() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0).withOriginPolicy(
                dev.sanfi.sockets.common.OriginPolicy.allowing(List.of("http://localhost:3000"))));
        assertThat(upgrade(server, "/chat?name=dev", Map.of("Origin", "http://localhost:3000")).statusLine())
                .contains(" 101 ");
    }

    @Test
    @DisplayName("a member that never reads is dropped (1008 too slow, left), while the others receive everything")
    void slowMemberIsDroppedAndNobodyWaits() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0).withMaxUnsentBytes(64 * 1024).withRate(100_000, 100_000));
        WireMember alice = join(server, "alice");
        WireMember bob = join(server, "bob");
        WireMember stalled = WireMember.stalled(server.wsPort(), "stalled");
        opened.add(0, stalled);
        alice.nextEvent("joined");
        alice.nextEvent("joined");
        alice.nextEvent("joined");
        bob.nextEvent("joined");
        long first = bob.nextEvent("joined").path("seq").asLong() + 1; // stalled's joined; alice's messages follow

        String text = "x".repeat(ChatLimits.MAX_TEXT_CHARS - 10); // room for the number in front
        int sent = 0;
        List<JsonNode> seenByBob = new ArrayList<>();
        boolean dropped = false;
        while (!dropped) {
            assertThat(sent).as("dropped before 64 MB were sent its way").isLessThan(32_000);
            // 10 × 2 KB at a time, well under the bound: a member that reads keeps up between batches
            for (int i = 0; i < 10; i++) {
                alice.sendMessage(sent++ + " " + text);
            }
            // bob reads as fast as messages come; stop sending once he sees the stalled member leave
            JsonNode event;
            do {
                event = bob.nextEvent();
                seenByBob.add(event);
                dropped |= event.path("type").asText().equals("left");
            } while (!event.path("text").asText().startsWith((sent - 1) + " "));
        }
        alice.sendMessage("after the drop");
        seenByBob.addAll(bob.eventsUntil(e -> e.path("text").asText().equals("after the drop")));

        List<JsonNode> seenByAlice = alice.eventsUntil(e -> e.path("text").asText().equals("after the drop"));
        for (List<JsonNode> seen : List.of(seenByBob, seenByAlice)) {
            assertThat(seen).hasSize(sent + 2); // every message, the left event, the last message
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i).path("seq").asLong()).isEqualTo(first + i);
            }
            assertThat(seen).filteredOn(e -> e.path("type").asText().equals("left"))
                    .singleElement().satisfies(e -> assertThat(e.path("name").asText()).isEqualTo("stalled"));
            List<String> texts = seen.stream().filter(e -> e.path("type").asText().equals("message"))
                    .map(e -> e.path("text").asText().split(" ")[0]).toList();
            for (int i = 0; i < sent; i++) {
                assertThat(texts.get(i)).isEqualTo(String.valueOf(i));
            }
        }
        assertThat(stalled.drainsToEnd()).as("the stalled member's socket is closed").isTrue();
    }

    @Test
    @DisplayName("closing the server sends Close 1001 to every member")
    void shutdownClosesEveryoneWith1001() throws Exception {
        ChatServer server = start();
        WireMember alice = join(server, "alice");
        WireMember bob = join(server, "bob");
        alice.nextEvent("joined");
        alice.nextEvent("joined");
        bob.nextEvent("joined");
        Thread closing = new Thread(server::close);
        closing.start();
        for (WireMember member : List.of(alice, bob)) {
            Frame frame;
            do {
                frame = member.nextFrame();
            } while (frame.opcode() == Frame.TEXT); // a left event may come first
            assertThat(frame.opcode()).isEqualTo(Frame.CLOSE);
            assertThat(Close.parse(frame.payload()).code()).isEqualTo(1001);
            try {
                member.send(Frame.close(1001, ""));
            } catch (IOException e) {
                // Java-WebSocket closes TCP as soon as its own Close is written, without waiting
                // for ours; RFC 6455 §7.1.1 allows the server to close first
            }
        }
        closing.join(WireMember.TIMEOUT.toMillis());
        assertThat(closing.isAlive()).isFalse();
        alice.awaitEnd();
    }

    @Test
    @DisplayName("the page server serves the page, its script and /config.json with the chat's port")
    void pageServer() throws Exception {
        ChatServer server = start();
        HttpURLConnection page = get(server, "/");
        assertThat(page.getResponseCode()).isEqualTo(200);
        assertThat(page.getContentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(body(page)).contains("<script src=\"/chat.js\"");
        HttpURLConnection script = get(server, "/chat.js");
        assertThat(body(script)).contains("textContent").doesNotContain("innerHTML =");
        HttpURLConnection config = get(server, "/config.json");
        assertThat(ChatCodec.parse(body(config)).path("wsPort").asInt()).isEqualTo(server.wsPort());
        assertThat(get(server, "/missing").getResponseCode()).isEqualTo(404);
    }

    private static HttpURLConnection get(ChatServer server, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + server.pagePort() + path).openConnection();
        connection.setConnectTimeout((int) WireMember.TIMEOUT.toMillis());
        connection.setReadTimeout((int) WireMember.TIMEOUT.toMillis());
        return connection;
    }

    private static String body(HttpURLConnection connection) throws IOException {
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
