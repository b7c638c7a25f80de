package dev.sanfi.sockets.chat;

import java.time.Instant;
import java.util.List;

/**
 * What the server sends to members: the chat protocol's server-to-member events.
 * {@link ChatCodec} turns them into the JSON text written down in chapter 8.
 */
public sealed interface ChatEvent {

    /** An event every member sees, numbered by the room's one sequence. */
    sealed interface Sequenced extends ChatEvent {
        long seq();
    }

    /**
     * To a new or returning member only, first: its resume token, who is here, and what was said
     * lately (a new member) or every event it missed (a returning one).
     *
     * @param token   the secret with which this member may take its name back ({@link ResumeToken})
     * @param lastSeq the seq of the room's last event when this was sent; the history ends there,
     *                and the next event this member gets is {@code lastSeq + 1}
     * @param gap     true when the member missed more than the history holds
     */
    record Welcome(MemberName you, String token, List<MemberName> members, long lastSeq, boolean gap,
            List<Sequenced> history) implements ChatEvent {
        public Welcome {
            members = List.copyOf(members);
            history = List.copyOf(history);
        }
    }

    record Joined(long seq, MemberName name, Instant at) implements Sequenced {
    }

    record Left(long seq, MemberName name, Instant at) implements Sequenced {
    }

    record Message(long seq, MemberName from, String text, Instant at) implements Sequenced {
    }

    /** To one member only: its input was refused. */
    record Error(String reason) implements ChatEvent {
    }
}
