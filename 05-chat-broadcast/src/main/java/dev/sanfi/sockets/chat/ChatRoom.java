package dev.sanfi.sockets.chat;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat without any I/O: who is in the room, the one sequence that orders every event, the
 * history, and what to do with each member's input. It takes calls in and hands out an
 * {@link Outcome}: which events go to whom, and whom to disconnect. The transport (here
 * {@link ChatEndpoint}) does the sending, in the order given.
 *
 * <p>Not thread-safe on purpose: the transport calls it under one lock and sends the outcome
 * before it lets go, so that the order of {@code seq} numbers is the order on every socket.
 *
 * @param <M> how the transport names one connection (a socket, a session); compared by identity
 */
public final class ChatRoom<M> {

    /** One event, encoded and framed once, for a list of recipients. */
    public record Delivery<M>(ChatEvent event, List<M> recipients) {
        public Delivery {
            recipients = List.copyOf(recipients);
        }
    }

    /** A connection to close, with the close code and reason (RFC 6455 §7.4). */
    public record Disconnect<M>(M connection, int code, String reason) {
    }

    /** What the transport does next: first every delivery, in order, then every disconnect. */
    public record Outcome<M>(List<Delivery<M>> deliveries, List<Disconnect<M>> disconnects) {
        public Outcome {
            deliveries = List.copyOf(deliveries);
            disconnects = List.copyOf(disconnects);
        }

        static <M> Outcome<M> none() {
            return new Outcome<>(List.of(), List.of());
        }

        static <M> Outcome<M> of(List<Delivery<M>> deliveries) {
            return new Outcome<>(deliveries, List.of());
        }
    }

    /** RFC 6455 §7.4.1: 1008, the endpoint received something that violates its policy. */
    public static final int POLICY_VIOLATION = 1008;

    private final Clock clock;
    private final int messagesPerSecond;
    private final int messageBurst;
    /** Members in the order they joined; the welcome lists them in this order. */
    private final Map<M, Member> members = new LinkedHashMap<>();
    private final Map<MemberName, M> byName = new HashMap<>();
    private final Deque<ChatEvent.Message> history = new ArrayDeque<>();
    private long lastSeq;

    /** A room with the default rate limit of {@link ChatLimits}. */
    public ChatRoom(Clock clock) {
        this(clock, ChatLimits.MESSAGES_PER_SECOND, ChatLimits.MESSAGE_BURST);
    }

    public ChatRoom(Clock clock, int messagesPerSecond, int messageBurst) {
        this.clock = clock;
        this.messagesPerSecond = messagesPerSecond;
        this.messageBurst = messageBurst;
    }

    private record Member(MemberName name, RateLimiter rate) {
    }

    /**
     * A new connection asks to join under {@code requestedName} (null when it gave none).
     * Admitted: a welcome to it, then a joined event to everyone (it included). Refused: an error
     * to it, then Close 1008 — the name is the only thing a connection can get wrong at this point.
     */
    public Outcome<M> join(M connection, String requestedName) {
        if (members.containsKey(connection)) {
            throw new IllegalStateException("already a member: " + members.get(connection).name());
        }
        Optional<MemberName> parsed = MemberName.parse(requestedName);
        String refusal = parsed.isEmpty() ? MemberName.problem(requestedName)
                : byName.containsKey(parsed.get()) ? "name taken: " + parsed.get() : null;
        if (refusal != null) {
            return new Outcome<>(
                    List.of(new Delivery<>(new ChatEvent.Error(refusal), List.of(connection))),
                    List.of(new Disconnect<>(connection, POLICY_VIOLATION, refusal)));
        }
        MemberName name = parsed.get();
        members.put(connection, new Member(name, new RateLimiter(clock, messagesPerSecond, messageBurst)));
        byName.put(name, connection);
        ChatEvent.Welcome welcome = new ChatEvent.Welcome(name, memberNames(), List.copyOf(history));
        ChatEvent.Joined joined = new ChatEvent.Joined(++lastSeq, name, clock.instant());
        return Outcome.of(List.of(
                new Delivery<>(welcome, List.of(connection)),
                new Delivery<>(joined, everyone())));
    }

    /**
     * A member sent a text message. Valid and within its rate: a message event to everyone.
     * Otherwise an error to that member alone, and nothing is broadcast; the connection stays.
     */
    public Outcome<M> receive(M connection, String text) {
        Member member = members.get(connection);
        if (member == null) {
            return Outcome.none(); // refused or already gone; its Close is on the way
        }
        if (!member.rate().tryAcquire()) {
            return refuse(connection, "too many messages: at most " + messagesPerSecond
                    + " a second (bursts of " + messageBurst + "); this one was not sent");
        }
        Inbound inbound = ChatCodec.decode(text);
        if (inbound instanceof Inbound.Invalid invalid) {
            return refuse(connection, invalid.reason());
        }
        ChatEvent.Message message = new ChatEvent.Message(++lastSeq, member.name(),
                ((Inbound.Message) inbound).text(), clock.instant());
        history.addLast(message);
        if (history.size() > ChatLimits.HISTORY_SIZE) {
            history.removeFirst();
        }
        return Outcome.of(List.of(new Delivery<>(message, everyone())));
    }

    /** A member sent a binary message, which the chat protocol does not have. */
    public Outcome<M> receiveBinary(M connection) {
        return members.containsKey(connection)
                ? refuse(connection, "binary messages are not part of the chat protocol; send JSON text")
                : Outcome.none();
    }

    /**
     * A connection is gone, or is being removed (too slow). A member's leaving is announced to
     * everyone left; a connection that never joined leaves without a word. Calling it twice for
     * the same connection announces once.
     */
    public Outcome<M> leave(M connection) {
        Member member = members.remove(connection);
        if (member == null) {
            return Outcome.none();
        }
        byName.remove(member.name());
        ChatEvent.Left left = new ChatEvent.Left(++lastSeq, member.name(), clock.instant());
        return members.isEmpty() ? Outcome.none() : Outcome.of(List.of(new Delivery<>(left, everyone())));
    }

    /** The name a connection joined under, if it is a member. */
    public Optional<MemberName> nameOf(M connection) {
        Member member = members.get(connection);
        return member == null ? Optional.empty() : Optional.of(member.name());
    }

    public int size() {
        return members.size();
    }

    /** The seq of the last event; the next one gets this + 1. */
    public long lastSeq() {
        return lastSeq;
    }

    private Outcome<M> refuse(M connection, String reason) {
        return Outcome.of(List.of(new Delivery<>(new ChatEvent.Error(reason), List.of(connection))));
    }

    private List<MemberName> memberNames() {
        List<MemberName> names = new ArrayList<>(members.size());
        members.values().forEach(member -> names.add(member.name()));
        return names;
    }

    private List<M> everyone() {
        return new ArrayList<>(members.keySet());
    }
}
