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

    /** To a new member only, first: who is here and what was said lately. */
    record Welcome(MemberName you, List<MemberName> members, List<Message> history) implements ChatEvent {
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
