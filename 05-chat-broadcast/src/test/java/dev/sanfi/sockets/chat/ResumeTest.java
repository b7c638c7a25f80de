package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.testkit.Close;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Coming back with {@code token} and {@code since}, over real sockets ({@link WireMember}). */
class ResumeTest {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1").withRate(1000, 1000));
        opened.add(server);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private WireMember track(WireMember member) {
        opened.add(0, member); // members close before the server
        return member;
    }

    @Test
    @DisplayName("a resume while the old connection is open: the missed events in order, the old one closed 4000 replaced, no left/joined")
    void aSeamlessResumeReplacesTheOldConnection() throws Exception {
        WireMember alice = track(WireMember.join(server.wsPort(), "alice"));
        JsonNode welcome = alice.nextEvent();
        String token = welcome.path("token").asText();
        long seen = alice.nextEvent("joined").path("seq").asLong();
        WireMember bob = track(WireMember.join(server.wsPort(), "bob"));
        bob.nextEvent("welcome");
        for (int i = 0; i < 5; i++) {
            bob.sendMessage("while alice is away " + i);
        }
        long last = bob.eventsUntil(e -> e.path("text").asText().equals("while alice is away 4")).get(5).path("seq").asLong();

        WireMember back = track(WireMember.resume(server.wsPort(), "alice", token, seen));
        JsonNode again = back.nextEvent();
        assertThat(again.path("type").asText()).isEqualTo("welcome");
        assertThat(again.path("gap").asBoolean()).isFalse();
        assertThat(again.path("lastSeq").asLong()).isEqualTo(last);
        assertThat(again.path("token").asText()).isNotEqualTo(token).hasSize(22);
        List<Long> seqs = new ArrayList<>();
        again.path("history").forEach(event -> seqs.add(event.path("seq").asLong()));
        assertThat(seqs).as("everything after %d, once, in order", seen)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(seen + 1, last).boxed().toList());
        assertThat(again.path("history").get(0).path("type").asText()).as("bob's join is an event too").isEqualTo("joined");

        SeamlessResume.assertSeamless(alice, bob, back, last);
    }

    @Test
    @DisplayName("a wrong token for a taken name is refused with 1008 name taken, as without one")
    void aWrongTokenIsRefused() throws Exception {
        WireMember alice = track(WireMember.join(server.wsPort(), "alice"));
        alice.nextEvent("welcome");
        WireMember impostor = track(WireMember.resume(server.wsPort(), "alice", "AAAAAAAAAAAAAAAAAAAAAA", 0));
        assertThat(impostor.nextEvent().path("reason").asText()).isEqualTo("name taken: alice");
        Close close = impostor.nextClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("name taken: alice");
        alice.sendMessage("still here");
        assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("still here");
    }

    @Test
    @DisplayName("coming back after the old connection is gone: what was missed, its own left included, then joined")
    void aResumeAfterTheDropIsAJoinWithTheMissedEvents() throws Exception {
        WireMember alice = track(WireMember.join(server.wsPort(), "alice"));
        String token = alice.nextEvent().path("token").asText();
        long seen = alice.nextEvent("joined").path("seq").asLong();
        WireMember bob = track(WireMember.join(server.wsPort(), "bob"));
        bob.nextEvent("welcome");
        bob.nextEvent("joined");
        alice.close();
        assertThat(bob.nextEvent("left").path("name").asText()).isEqualTo("alice");
        bob.sendMessage("gone?");
        bob.nextEvent("message");

        WireMember back = track(WireMember.resume(server.wsPort(), "alice", token, seen));
        JsonNode welcome = back.nextEvent();
        List<String> types = new ArrayList<>();
        welcome.path("history").forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).containsExactly("joined", "left", "message");
        assertThat(welcome.path("gap").asBoolean()).isFalse();
        assertThat(back.nextEvent().path("type").asText()).isEqualTo("joined");
    }
}
