package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room without sockets: members are plain strings, time is a test clock. */
class ChatRoomTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final ChatRoom<String> room = new ChatRoom<>(clock);

    private static String message(String text) {
        return ChatCodec.encodeMessage(text);
    }

    @Test
    void aWelcomeToTheNewMemberThenItsJoinedToEveryone() {
        room.join("c1", "alice");
        ChatRoom.Outcome<String> outcome = room.join("c2", "bob");

        assertThat(outcome.disconnects()).isEmpty();
        assertThat(outcome.deliveries()).hasSize(2);
        ChatRoom.Delivery<String> welcome = outcome.deliveries().get(0);
        assertThat(welcome.recipients()).containsExactly("c2");
        ChatEvent.Welcome event = (ChatEvent.Welcome) welcome.event();
        assertThat(event).isEqualTo(new ChatEvent.Welcome(new MemberName("bob"), event.token(),
                List.of(new MemberName("alice"), new MemberName("bob")), 1, false, List.of()));
        ChatRoom.Delivery<String> joined = outcome.deliveries().get(1);
        assertThat(joined.recipients()).containsExactly("c1", "c2");
        assertThat(joined.event()).isEqualTo(new ChatEvent.Joined(2, new MemberName("bob"), clock.instant()));
    }

    @Test
    void oneSequenceForJoinedMessageAndLeft() {
        room.join("c1", "alice");
        room.join("c2", "bob");
        clock.advance(Duration.ofSeconds(1));
        ChatRoom.Delivery<String> hello = room.receive("c1", message("hello")).deliveries().get(0);
        assertThat(hello.event()).isEqualTo(new ChatEvent.Message(3, new MemberName("alice"), "hello", clock.instant()));
        assertThat(hello.recipients()).containsExactly("c1", "c2");
        ChatRoom.Delivery<String> left = room.leave("c2").deliveries().get(0);
        assertThat(left.event()).isEqualTo(new ChatEvent.Left(4, new MemberName("bob"), clock.instant()));
        assertThat(left.recipients()).containsExactly("c1");
        assertThat(room.lastSeq()).isEqualTo(4);
    }

    @Test
    void leavingTwiceIsAnnouncedOnce() {
        room.join("c1", "alice");
        room.join("c2", "bob");
        assertThat(room.leave("c2").deliveries()).hasSize(1);
        assertThat(room.leave("c2").deliveries()).isEmpty();
        assertThat(room.leave("never-joined").deliveries()).isEmpty();
        assertThat(room.lastSeq()).isEqualTo(3);
    }

    @Test
    void historyKeepsTheLast50Messages() {
        ChatRoom<String> relaxed = new ChatRoom<>(clock, 1000, 1000);
        relaxed.join("c1", "alice");
        for (int i = 0; i < 60; i++) {
            relaxed.receive("c1", message("m" + i));
        }
        relaxed.leave("c1");
        ChatEvent.Welcome welcome = (ChatEvent.Welcome) relaxed.join("c2", "bob").deliveries().get(0).event();
        assertThat(welcome.history()).hasSize(ChatLimits.HISTORY_SIZE);
        assertThat(((ChatEvent.Message) welcome.history().get(0)).text()).isEqualTo("m10");
        assertThat(((ChatEvent.Message) welcome.history().get(49)).text()).isEqualTo("m59");
        assertThat(welcome.members()).containsExactly(new MemberName("bob"));
    }

    @Test
    void badNamesGetAnErrorThenClose1008() {
        room.join("c1", "alice");
        assertRefused(room.join("c2", null), "a name is required: connect to /chat?name=NAME");
        assertRefused(room.join("c3", "a b"), MemberName.problem("a b"));
        assertRefused(room.join("c4", "alice"), "name taken: alice");
        assertThat(room.size()).isEqualTo(1);
        assertThat(room.lastSeq()).as("refusals are not events").isEqualTo(1);
        assertThat(room.receive("c4", message("sneaky")).deliveries()).as("not a member").isEmpty();
    }

    @Test
    void aNameIsFreeAgainAfterItsMemberLeft() {
        room.join("c1", "alice");
        room.leave("c1");
        assertThat(room.join("c2", "alice").disconnects()).isEmpty();
    }

    private static void assertRefused(ChatRoom.Outcome<String> outcome, String reason) {
        assertThat(outcome.deliveries()).hasSize(1);
        assertThat(outcome.deliveries().get(0).event()).isEqualTo(new ChatEvent.Error(reason));
        assertThat(outcome.disconnects()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(1008);
            assertThat(d.reason()).isEqualTo(reason);
        });
    }

    @Test
    void badInputIsAnErrorToTheSenderOnlyAndNotAnEvent() {
        room.join("c1", "alice");
        room.join("c2", "bob");
        ChatRoom.Outcome<String> outcome = room.receive("c1", "{nope");
        assertThat(outcome.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.recipients()).containsExactly("c1");
            assertThat(d.event()).isEqualTo(new ChatEvent.Error("malformed JSON"));
        });
        assertThat(outcome.disconnects()).isEmpty();
        assertThat(room.receiveBinary("c1").deliveries().get(0).event()).isInstanceOf(ChatEvent.Error.class);
        assertThat(room.lastSeq()).isEqualTo(2);
    }

    @Test
    void theRateLimitRefusesTheExcessAndRecovers() {
        room.join("c1", "alice");
        for (int i = 0; i < ChatLimits.MESSAGE_BURST; i++) {
            assertThat(room.receive("c1", message("m" + i)).deliveries().get(0).event()).isInstanceOf(ChatEvent.Message.class);
        }
        ChatEvent refused = room.receive("c1", message("one too many")).deliveries().get(0).event();
        assertThat(refused).isInstanceOf(ChatEvent.Error.class);
        assertThat(((ChatEvent.Error) refused).reason()).startsWith("too many messages: at most 20 a second");
        assertThat(room.lastSeq()).isEqualTo(1 + ChatLimits.MESSAGE_BURST);
        clock.advance(Duration.ofMillis(50));
        assertThat(room.receive("c1", message("again")).deliveries().get(0).event()).isInstanceOf(ChatEvent.Message.class);
    }

    @Test
    void eachMemberHasItsOwnBucket() {
        room.join("c1", "alice");
        room.join("c2", "bob");
        for (int i = 0; i < ChatLimits.MESSAGE_BURST + 5; i++) {
            room.receive("c1", message("flood"));
        }
        assertThat(room.receive("c2", message("still fine")).deliveries().get(0).event()).isInstanceOf(ChatEvent.Message.class);
    }

    private ChatEvent.Welcome welcomeOf(ChatRoom.Outcome<String> outcome) {
        return (ChatEvent.Welcome) outcome.deliveries().get(0).event();
    }

    @Test
    void tokensAre128RandomBitsAndNewOnEveryWelcome() {
        String first = welcomeOf(room.join("c1", "alice")).token();
        String second = welcomeOf(room.join("c2", "alice", first, "1")).token();
        String bobs = welcomeOf(room.join("c3", "bob")).token();
        assertThat(List.of(first, second, bobs)).doesNotHaveDuplicates()
                .allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9_-]{22}")); // 16 bytes, base64url
        assertRefused(room.join("c4", "alice", first, "1"), "name taken: alice");
    }

    @Test
    void aResumeWithTheTokenTakesTheNameBackClosesTheOldConnectionAndBroadcastsNothing() {
        ChatRoom<String> relaxed = new ChatRoom<>(clock, 1000, 1000);
        String token = welcomeOf(relaxed.join("c1", "alice")).token();
        relaxed.join("c2", "bob");                  // seq 2
        relaxed.receive("c2", message("one"));      // seq 3
        relaxed.receive("c2", message("two"));      // seq 4

        ChatRoom.Outcome<String> resumed = relaxed.join("c1b", "alice", token, "2");

        assertThat(resumed.deliveries()).singleElement().satisfies(d -> assertThat(d.recipients()).containsExactly("c1b"));
        ChatEvent.Welcome welcome = welcomeOf(resumed);
        assertThat(welcome.gap()).isFalse();
        assertThat(welcome.lastSeq()).isEqualTo(4);
        assertThat(welcome.members()).as("alice keeps her place").containsExactly(new MemberName("alice"), new MemberName("bob"));
        assertThat(welcome.history()).extracting(ChatEvent.Sequenced::seq).containsExactly(3L, 4L);
        assertThat(resumed.disconnects()).containsExactly(new ChatRoom.Disconnect<>("c1", ChatLimits.CLOSE_REPLACED, "replaced"));
        assertThat(relaxed.lastSeq()).as("no left, no joined").isEqualTo(4);

        assertThat(relaxed.leave("c1").deliveries()).as("the replaced connection leaves without a word").isEmpty();
        assertThat(relaxed.receive("c1", message("ghost")).deliveries()).isEmpty();
        ChatRoom.Delivery<String> next = relaxed.receive("c2", message("three")).deliveries().get(0);
        assertThat(next.recipients()).containsExactly("c1b", "c2");
        assertThat(((ChatEvent.Sequenced) next.event()).seq()).isEqualTo(5);
    }

    @Test
    void aWrongOrMissingTokenForATakenNameIsRefusedAsBefore() {
        room.join("c1", "alice");
        assertRefused(room.join("c2", "alice", "AAAAAAAAAAAAAAAAAAAAAA", "0"), "name taken: alice");
        assertRefused(room.join("c3", "alice", null, "0"), "name taken: alice");
        assertRefused(room.join("c4", "alice", "", null), "name taken: alice");
        assertThat(room.nameOf("c1")).hasValue(new MemberName("alice"));
    }

    @Test
    void aBadSinceIsRefused() {
        assertRefused(room.join("c1", "alice", null, "-1"), "since must be the seq of the last event seen (0 or more): -1");
        assertRefused(room.join("c2", "alice", null, "99999999999999999999"),
                "since must be the seq of the last event seen (0 or more): 99999999999999999999");
        assertThat(room.size()).isZero();
    }

    @Test
    void comingBackAfterTheOldConnectionLeftIsAJoinWithWhatWasMissed() {
        room.join("c1", "alice");   // 1
        room.join("c2", "bob");     // 2
        room.leave("c1");           // 3 alice left
        room.receive("c2", message("while you were away")); // 4
        ChatRoom.Outcome<String> back = room.join("c3", "alice", "stale-token", "2");
        assertThat(welcomeOf(back).history()).extracting(ChatEvent.Sequenced::seq).containsExactly(3L, 4L);
        assertThat(back.deliveries().get(1).event()).isEqualTo(new ChatEvent.Joined(5, new MemberName("alice"), clock.instant()));
    }

    @Test
    void theLogKeeps1000EventsAndSaysWhenMoreWereMissed() {
        ChatRoom<String> relaxed = new ChatRoom<>(clock, 100_000, 100_000);
        String token = welcomeOf(relaxed.join("c1", "alice")).token();
        for (int i = 0; i < ChatLimits.RESUME_EVENTS + 10; i++) {
            relaxed.receive("c1", message("m" + i));
        }
        long last = relaxed.lastSeq();
        ChatEvent.Welcome lost = welcomeOf(relaxed.join("c1b", "alice", token, "1"));
        assertThat(lost.gap()).isTrue();
        assertThat(lost.history()).hasSize(ChatLimits.RESUME_EVENTS);
        assertThat(lost.history().get(0).seq()).isEqualTo(last - ChatLimits.RESUME_EVENTS + 1);
        assertThat(lost.history().get(ChatLimits.RESUME_EVENTS - 1).seq()).isEqualTo(last);

        ChatEvent.Welcome kept = welcomeOf(relaxed.join("c1c", "alice", lost.token(), Long.toString(last - ChatLimits.RESUME_EVENTS)));
        assertThat(kept.gap()).as("exactly what the log holds").isFalse();
        assertThat(kept.history()).hasSize(ChatLimits.RESUME_EVENTS);
    }

    @Test
    void aSinceBeyondTheRoomMeansAnotherRoomAndGetsEverythingWithAGap() {
        room.join("c1", "alice");
        ChatEvent.Welcome welcome = welcomeOf(room.join("c2", "bob", null, "500")); // a server restarted since
        assertThat(welcome.gap()).isTrue();
        assertThat(welcome.history()).extracting(ChatEvent.Sequenced::seq).containsExactly(1L);
    }
}
