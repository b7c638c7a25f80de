package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.testkit.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several chat nodes, one room, through a real {@code redis-server} ({@link LocalRedis}). */
class ClusterTest {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private LocalRedis redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = LocalRedis.start();
        opened.add(redis);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    /** A node with short timers: a lease of 3 s, at most 200 ms between tries when Redis is gone. */
    private ChatServer node() throws Exception {
        ClusterSettings cluster = new ClusterSettings(new RedisAddress("127.0.0.1", redis.port()), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(200));
        ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1").withRate(1000, 1000), cluster);
        opened.add(0, server); // nodes close before Redis
        return server;
    }

    private WireMember track(WireMember member) {
        opened.add(0, member); // members close before the nodes
        return member;
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {2, 3})
    @DisplayName("20 members spread over the nodes, 25 messages each: everyone sees the same events in one contiguous seq order")
    void oneOrderAcrossNodes(int count) throws Exception {
        List<ChatServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(node());
        }
        List<WireMember> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WireMember member = track(WireMember.join(nodes.get(i % count).wsPort(), "m" + i));
            assertThat(member.nextEvent().path("type").asText()).isEqualTo("welcome");
            members.add(member);
        }
        WireMember last = members.get(19);
        last.nextEvent("joined"); // its own: everyone has joined, on both nodes
        ExecutorService senders = Executors.newFixedThreadPool(20);
        try {
            List<Future<List<JsonNode>>> seen = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                WireMember member = members.get(i);
                String name = "m" + i;
                Callable<List<JsonNode>> sendAndRead = () -> {
                    for (int n = 0; n < 25; n++) {
                        member.sendMessage(name + ":" + n);
                    }
                    return messagesUntil(member, 500);
                };
                seen.add(senders.submit(sendAndRead));
            }
            List<List<String>> views = new ArrayList<>();
            for (Future<List<JsonNode>> future : seen) {
                views.add(future.get(60, TimeUnit.SECONDS).stream().map(JsonNode::toString).toList());
            }
            List<JsonNode> first = seen.get(0).get();
            long from = first.get(0).path("seq").asLong();
            assertThat(first.stream().map(event -> event.path("seq").asLong()).toList())
                    .as("contiguous seq").isEqualTo(LongStream.range(from, from + 500).boxed().toList());
            views.forEach(view -> assertThat(view).as("the same events in the same order on every member").isEqualTo(views.get(0)));
            Map<String, Integer> next = new HashMap<>();
            for (JsonNode message : first) {
                String[] parts = message.path("text").asText().split(":");
                assertThat(Integer.parseInt(parts[1])).as("each sender's messages in its order").isEqualTo(next.getOrDefault(parts[0], 0));
                next.put(parts[0], Integer.parseInt(parts[1]) + 1);
            }
        } finally {
            senders.shutdownNow();
            assertThat(senders.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The next {@code count} message events, skipping the joined events still on their way. */
    private static List<JsonNode> messagesUntil(WireMember member, int count) throws InterruptedException {
        List<JsonNode> messages = new ArrayList<>();
        while (messages.size() < count) {
            JsonNode event = member.nextEvent();
            assertThat(event.path("type").asText()).as("%s", event).isIn("message", "joined");
            if (event.path("type").asText().equals("message")) {
                messages.add(event);
            }
        }
        return messages;
    }

    @Test
    @DisplayName("a resume on the other node: the missed events in order, the old connection closed 4000 replaced, no left/joined")
    void resumeOnTheOtherNode() throws Exception {
        ChatServer a = node();
        ChatServer b = node();
        WireMember alice = track(WireMember.join(a.wsPort(), "alice"));
        JsonNode welcome = alice.nextEvent();
        String token = welcome.path("token").asText();
        long seen = alice.nextEvent("joined").path("seq").asLong();
        WireMember bob = track(WireMember.join(b.wsPort(), "bob"));
        assertThat(bob.nextEvent().path("members").toString()).as("the members of every node").contains("alice", "bob");
        for (int i = 0; i < 5; i++) {
            bob.sendMessage("while alice is away " + i);
        }
        List<JsonNode> bobs = bob.eventsUntil(e -> e.path("text").asText().equals("while alice is away 4"));
        long last = bobs.get(bobs.size() - 1).path("seq").asLong();

        WireMember back = track(WireMember.resume(b.wsPort(), "alice", token, seen));
        JsonNode again = back.nextEvent();
        assertThat(again.path("type").asText()).isEqualTo("welcome");
        assertThat(again.path("gap").asBoolean()).isFalse();
        assertThat(again.path("lastSeq").asLong()).isEqualTo(last);
        List<Long> seqs = new ArrayList<>();
        again.path("history").forEach(event -> seqs.add(event.path("seq").asLong()));
        assertThat(seqs).as("everything after %d, once, in order", seen)
                .isEqualTo(LongStream.rangeClosed(seen + 1, last).boxed().toList());

        SeamlessResume.assertSeamless(alice, bob, back, last);
    }

    @Test
    @DisplayName("a node started later has the room: its new member gets the members and last messages of the others")
    void aLaterNodeHasTheHistory() throws Exception {
        ChatServer first = node();
        WireMember alice = track(WireMember.join(first.wsPort(), "alice"));
        alice.nextEvent("welcome");
        for (int i = 0; i < 3; i++) {
            alice.sendMessage("said early " + i);
        }
        long last = alice.eventsUntil(e -> e.path("text").asText().equals("said early 2")).stream()
                .mapToLong(e -> e.path("seq").asLong()).max().orElseThrow();

        ChatServer later = node();
        WireMember bob = track(WireMember.join(later.wsPort(), "bob"));
        JsonNode welcome = bob.nextEvent();
        assertThat(welcome.path("lastSeq").asLong()).isEqualTo(last);
        assertThat(welcome.path("members").toString()).isEqualTo("[\"alice\",\"bob\"]");
        List<String> texts = new ArrayList<>();
        welcome.path("history").forEach(event -> texts.add(event.path("text").asText()));
        assertThat(texts).containsExactly("said early 0", "said early 1", "said early 2");
        assertThat(bob.nextEvent().path("seq").asLong()).as("its own joined").isEqualTo(last + 1);
    }

    @Test
    @DisplayName("a name is unique across nodes: a taken one is refused with 1008 on the other node too")
    void namesAreUniqueAcrossNodes() throws Exception {
        ChatServer a = node();
        ChatServer b = node();
        WireMember alice = track(WireMember.join(a.wsPort(), "alice"));
        alice.nextEvent("welcome");
        WireMember impostor = track(WireMember.join(b.wsPort(), "alice"));
        assertThat(impostor.nextEvent().path("reason").asText()).isEqualTo("name taken: alice");
        assertThat(impostor.nextClose().code()).isEqualTo(1008);
    }

    @Test
    @DisplayName("a node killed mid-conversation: its member resumes on another node without loss; one that does not come back is announced as left")
    void aNodeKilledMidConversation() throws Exception {
        ChatServer doomed = node();
        ChatServer survivor = node();
        WireMember alice = track(WireMember.join(doomed.wsPort(), "alice"));
        String token = alice.nextEvent("welcome").path("token").asText();
        alice.nextEvent("joined");
        WireMember carol = track(WireMember.join(doomed.wsPort(), "carol"));
        carol.nextEvent("welcome");
        WireMember bob = track(WireMember.join(survivor.wsPort(), "bob"));
        bob.nextEvent("welcome");
        bob.sendMessage("before the crash");
        long seen = alice.nextEvent("message").path("seq").asLong(); // after the joined of carol and bob

        doomed.crash();
        bob.sendMessage("while alice is away");
        assertThat(bob.nextEvent("message").path("text").asText()).isEqualTo("before the crash");
        long missed = bob.nextEvent("message").path("seq").asLong();

        WireMember back = track(WireMember.resume(survivor.wsPort(), "alice", token, seen));
        JsonNode welcome = back.nextEvent();
        assertThat(welcome.path("gap").asBoolean()).isFalse();
        List<String> history = new ArrayList<>();
        welcome.path("history").forEach(event -> history.add(event.path("type").asText() + " " + event.path("text").asText()));
        assertThat(history).as("what alice missed, on the other node").containsExactly("message while alice is away");
        assertThat(welcome.path("lastSeq").asLong()).isEqualTo(missed);

        JsonNode left = bob.nextEvent();
        assertThat(left.path("type").asText()).as("%s", left).isEqualTo("left");
        assertThat(left.path("name").asText()).as("carol's lease ran out; alice came back in time").isEqualTo("carol");
        assertThat(back.nextEvent().path("name").asText()).isEqualTo("carol");
    }

    @Test
    @DisplayName("Redis stopped: members are told and keep their connections; restarted: the room goes on, seq contiguous")
    void redisStoppedAndRestarted() throws Exception {
        ChatServer a = node();
        ChatServer b = node();
        WireMember alice = track(WireMember.join(a.wsPort(), "alice"));
        alice.nextEvent("welcome");
        WireMember bob = track(WireMember.join(b.wsPort(), "bob"));
        bob.nextEvent("welcome");
        long joined = alice.nextEvent("joined").path("seq").asLong(); // alice's own
        joined = alice.nextEvent("joined").path("seq").asLong(); // bob's

        redis.stop();
        assertThat(alice.nextEvent("error").path("reason").asText()).contains("Redis");
        assertThat(bob.nextEvent("error").path("reason").asText()).contains("Redis");
        bob.sendMessage("anyone?");
        assertThat(bob.nextEvent("error").path("reason").asText()).contains("not sent");

        redis.restart();
        long seq = sendUntilDelivered(bob, "back again");
        assertThat(seq).as("the seq goes on from the last one delivered").isEqualTo(joined + 1);
        assertThat(alice.nextEvent("message").path("seq").asLong()).isEqualTo(seq);
    }

    /** Sends until one is not refused (the node may not have reconnected yet); the seq of the one delivered. */
    private static long sendUntilDelivered(WireMember member, String text) {
        AtomicLong delivered = new AtomicLong();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            member.sendMessage(text);
            JsonNode event = member.nextEvent();
            delivered.set(event.path("seq").asLong());
            return event.path("type").asText().equals("message");
        });
        return delivered.get();
    }
}
