package dev.sanfi.sockets.exercises.ch8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.chat.ChatEvent;
import dev.sanfi.sockets.chat.ChatRoom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 8, exercise 1: /who answers the sender alone, from the room's own events, and numbers nothing. */
class Ch8Exercise1Test {

    private final ChatRoom<String> room = new ChatRoom<>(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    private final WhoCommand<String> chat = new WhoCommand<>(room);

    private WhoCommand.Answer<String> say(String who, String text) {
        return chat.receive(who, ChatCodec.encodeMessage(text));
    }

    @Test
    @DisplayName("/who: the members in the order they joined, to the sender alone; no seq used")
    void whoIsThere() {
        chat.join("alice", "alice");
        chat.join("bob", "bob");
        long before = room.lastSeq();

        assertThat(say("alice", "/who")).isEqualTo(new WhoCommand.Private<>("alice", "{\"type\":\"who\",\"members\":[\"alice\",\"bob\"]}"));
        assertThat(room.lastSeq()).as("nothing numbered").isEqualTo(before);
    }

    @Test
    @DisplayName("anything else still goes to the room: a message to everyone, with the next seq")
    void everythingElse() {
        chat.join("alice", "alice");
        chat.join("bob", "bob");

        ChatRoom.Delivery<String> delivery = fromRoom(say("bob", "who is here?")).deliveries().get(0);

        assertThat(delivery.event()).isInstanceOf(ChatEvent.Message.class);
        assertThat(delivery.recipients()).containsExactly("alice", "bob");
    }

    @Test
    @DisplayName("after a leave, and after the room emptied and filled again, /who is still right")
    void leavesAndAnEmptyRoom() {
        chat.join("alice", "alice");
        chat.join("bob", "bob");
        chat.leave("alice");
        assertThat(say("bob", "/who")).isEqualTo(new WhoCommand.Private<>("bob", "{\"type\":\"who\",\"members\":[\"bob\"]}"));

        chat.leave("bob"); // the last one: its left goes to nobody
        chat.join("carol", "carol");
        assertThat(say("carol", " /who ")).isEqualTo(new WhoCommand.Private<>("carol", "{\"type\":\"who\",\"members\":[\"carol\"]}"));
    }

    @Test
    @DisplayName("a connection that is not a member gets nothing, as from the room")
    void notAMember() {
        assertThat(fromRoom(say("stranger", "/who")).deliveries()).isEmpty();
    }

    private static ChatRoom.Outcome<String> fromRoom(WhoCommand.Answer<String> answer) {
        assertThat(answer).isInstanceOf(WhoCommand.FromRoom.class);
        return ((WhoCommand.FromRoom<String>) answer).outcome();
    }
}
