package dev.sanfi.sockets.exercises.ch8;

import java.util.List;

/**
 * Chapter 8, exercise 2: six steps in an empty room, and what each one sends, predicted: each
 * delivery as {@code type [seq] → recipients}, in order (welcome and error events carry no seq), and
 * whether a connection is closed.
 */
public enum SeqPrediction {

    /** The first member: its welcome, then its own joined, the room's first numbered event. */
    ALICE_JOINS(List.of("welcome → [alice]", "joined 1 → [alice]"), false),
    /** The second: a welcome that lists both and ends at lastSeq 1, then joined 2 to both. */
    BOB_JOINS(List.of("welcome → [bob]", "joined 2 → [alice, bob]"), false),
    /** A message: one number, for everyone, the sender included. */
    ALICE_SAYS_HI(List.of("message 3 → [alice, bob]"), false),
    /** An empty text is refused: an error to bob alone, no number used, the connection stays. */
    BOB_SENDS_AN_EMPTY_TEXT(List.of("error → [bob]"), false),
    /** A third connection asks for a name that is taken: an error, then Close 1008; no number. */
    CAROL_ASKS_FOR_ALICES_NAME(List.of("error → [carol]"), true),
    /** bob goes: left 4, to the one who is left. */
    BOB_LEAVES(List.of("left 4 → [alice]"), false);

    private final List<String> deliveries;
    private final boolean closes;

    SeqPrediction(List<String> deliveries, boolean closes) {
        this.deliveries = deliveries;
        this.closes = closes;
    }

    public List<String> deliveries() {
        return deliveries;
    }

    /** Whether the step closes a connection. */
    public boolean closes() {
        return closes;
    }
}
