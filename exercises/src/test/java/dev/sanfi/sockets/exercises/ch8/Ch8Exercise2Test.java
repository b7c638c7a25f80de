package dev.sanfi.sockets.exercises.ch8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.chat.ChatEvent;
import dev.sanfi.sockets.chat.ChatRoom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 8, exercise 2: what each step in a room sends, with which seq, to whom — predicted. */
class Ch8Exercise2Test {

    private final ChatRoom<String> room = new ChatRoom<>(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    @DisplayName("the room does what was predicted, step by step")
    void theSteps() {
        Map<SeqPrediction, Supplier<ChatRoom.Outcome<String>>> steps = Map.of(
                SeqPrediction.ALICE_JOINS, () -> room.join("alice", "alice"),
                SeqPrediction.BOB_JOINS, () -> room.join("bob", "bob"),
                SeqPrediction.ALICE_SAYS_HI, () -> room.receive("alice", ChatCodec.encodeMessage("hi")),
                SeqPrediction.BOB_SENDS_AN_EMPTY_TEXT, () -> room.receive("bob", ChatCodec.encodeMessage("")),
                SeqPrediction.CAROL_ASKS_FOR_ALICES_NAME, () -> room.join("carol", "alice"),
                SeqPrediction.BOB_LEAVES, () -> room.leave("bob"));
        for (SeqPrediction step : SeqPrediction.values()) {
            ChatRoom.Outcome<String> outcome = steps.get(step).get();
            assertThat(described(outcome)).as("%s", step).isEqualTo(step.deliveries());
            assertThat(!outcome.disconnects().isEmpty()).as("%s closes a connection", step).isEqualTo(step.closes());
        }
    }

    private static List<String> described(ChatRoom.Outcome<String> outcome) {
        List<String> lines = new ArrayList<>();
        for (ChatRoom.Delivery<String> delivery : outcome.deliveries()) {
            ChatEvent event = delivery.event();
            String type = ChatCodec.parse(ChatCodec.encode(event)).path("type").asText();
            String seq = event instanceof ChatEvent.Sequenced numbered ? " " + numbered.seq() : "";
            lines.add(type + seq + " → " + delivery.recipients());
        }
        return lines;
    }
}
