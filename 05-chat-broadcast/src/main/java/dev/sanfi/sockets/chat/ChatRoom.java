package dev.sanfi.sockets.chat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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
public final class ChatRoom<M> implements Seats<M> {

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
    private final SecureRandom random = new SecureRandom();
    /** Members by name, in the order they joined; the welcome lists them in this order. */
    private final Map<MemberName, Member> members = new LinkedHashMap<>();
    private final Map<M, Member> byConnection = new HashMap<>();
    private final Deque<ChatEvent.Message> history = new ArrayDeque<>();
    private final EventLog log = new EventLog(ChatLimits.RESUME_EVENTS);
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

    /**
     * One member: its name, its rate (which a resume keeps, so reconnecting does not refill it), the
     * token that lets it come back, and the connection it is on now (a resume moves it).
     */
    private final class Member {
        final MemberName name;
        final RateLimiter rate;
        ResumeToken token;
        M connection;

        Member(MemberName name, RateLimiter rate) {
            this.name = name;
            this.rate = rate;
        }
    }

    /** A new connection asks to join under {@code requestedName}, as a new member. */
    public Outcome<M> join(M connection, String requestedName) {
        return join(connection, requestedName, null, null);
    }

    /**
     * A new connection asks to join under {@code requestedName} (null when it gave none), perhaps
     * coming back: with the {@code token} of its last welcome, and {@code since}, the last seq it saw.
     * <ul>
     *   <li>The name is taken and the token is its member's: a resume. The welcome goes to the new
     *       connection with every event after {@code since}, the old connection is closed with
     *       {@link ChatLimits#CLOSE_REPLACED} {@code replaced}, and nothing is broadcast: to the
     *       others the member never left.
     *   <li>The name is free: a welcome to it (with the events after {@code since} when it gave
     *       one, else the last messages), then a joined event to everyone, it included.
     *   <li>Otherwise (no name, an invalid one, a taken one without its token, a bad {@code since}):
     *       an error to it, then Close 1008.
     * </ul>
     */
    public Outcome<M> join(M connection, String requestedName, String token, String since) {
        if (byConnection.containsKey(connection)) {
            throw new IllegalStateException("already a member: " + byConnection.get(connection).name);
        }
        Optional<MemberName> parsed = MemberName.parse(requestedName);
        OptionalLong sinceSeq = parseSeq(since);
        Member taken = parsed.map(members::get).orElse(null);
        String refusal = parsed.isEmpty() ? MemberName.problem(requestedName)
                : since != null && sinceSeq.isEmpty() ? "since must be the seq of the last event seen (0 or more): " + since
                : taken != null && !taken.token.matches(token) ? "name taken: " + parsed.get() : null;
        if (refusal != null) {
            return new Outcome<>(
                    List.of(new Delivery<>(new ChatEvent.Error(refusal), List.of(connection))),
                    List.of(new Disconnect<>(connection, POLICY_VIOLATION, refusal)));
        }
        if (taken != null) {
            return resume(taken, connection, sinceSeq);
        }
        MemberName name = parsed.get();
        Member member = new Member(name, new RateLimiter(clock, messagesPerSecond, messageBurst));
        seat(member, connection);
        ChatEvent.Welcome welcome = sinceSeq.isPresent() ? welcome(member, sinceSeq.getAsLong())
                : new ChatEvent.Welcome(name, member.token.text(), memberNames(), lastSeq, false, List.copyOf(history));
        ChatEvent.Joined joined = append(new ChatEvent.Joined(lastSeq + 1, name, clock.instant()));
        return Outcome.of(List.of(
                new Delivery<>(welcome, List.of(connection)),
                new Delivery<>(joined, everyone())));
    }

    /** The member moves to the new connection with a new token; the old connection is closed. */
    private Outcome<M> resume(Member member, M connection, OptionalLong since) {
        M old = member.connection;
        byConnection.remove(old);
        seat(member, connection);
        ChatEvent.Welcome welcome = welcome(member, since.orElse(lastSeq));
        return new Outcome<>(List.of(new Delivery<>(welcome, List.of(connection))),
                List.of(new Disconnect<>(old, ChatLimits.CLOSE_REPLACED, "replaced")));
    }

    private void seat(Member member, M connection) {
        member.connection = connection;
        member.token = ResumeToken.random(random);
        members.put(member.name, member); // a resume keeps its place: put() on a present key does not move it
        byConnection.put(connection, member);
    }

    private ChatEvent.Welcome welcome(Member member, long since) {
        EventLog.Replay replay = log.since(since, lastSeq, ChatLimits.RESUME_BYTES);
        return new ChatEvent.Welcome(member.name, member.token.text(), memberNames(), lastSeq, replay.gap(), replay.events());
    }

    /** A {@code since} from the URL: 0 or more, in decimal; empty when it is not one. */
    static OptionalLong parseSeq(String text) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // 19 digits beyond Long.MAX_VALUE
        }
    }

    /** Numbers the event (it carries {@code lastSeq + 1}) and keeps it for members that come back. */
    private <E extends ChatEvent.Sequenced> E append(E event) {
        lastSeq = event.seq();
        log.append(event);
        return event;
    }

    /**
     * A member sent a text message. Valid and within its rate: a message event to everyone.
     * Otherwise an error to that member alone, and nothing is broadcast; the connection stays.
     */
    public Outcome<M> receive(M connection, String text) {
        Member member = byConnection.get(connection);
        if (member == null) {
            return Outcome.none(); // refused, replaced or already gone; its Close is on the way
        }
        if (!member.rate.tryAcquire()) {
            return refuse(connection, "too many messages: at most " + messagesPerSecond
                    + " a second (bursts of " + messageBurst + "); this one was not sent");
        }
        Inbound inbound = ChatCodec.decode(text);
        if (inbound instanceof Inbound.Invalid invalid) {
            return refuse(connection, invalid.reason());
        }
        ChatEvent.Message message = append(new ChatEvent.Message(lastSeq + 1, member.name,
                ((Inbound.Message) inbound).text(), clock.instant()));
        history.addLast(message);
        if (history.size() > ChatLimits.HISTORY_SIZE) {
            history.removeFirst();
        }
        return Outcome.of(List.of(new Delivery<>(message, everyone())));
    }

    /** A member sent a binary message, which the chat protocol does not have. */
    public Outcome<M> receiveBinary(M connection) {
        return byConnection.containsKey(connection)
                ? refuse(connection, "binary messages are not part of the chat protocol; send JSON text")
                : Outcome.none();
    }

    /**
     * A connection is gone, or is being removed (too slow). A member's leaving is announced to
     * everyone left; a connection that never joined leaves without a word. Calling it twice for
     * the same connection announces once, and a connection its member has left for another (a
     * resume) leaves without a word too.
     */
    @Override
    public Outcome<M> leave(M connection) {
        Member member = byConnection.remove(connection);
        if (member == null) {
            return Outcome.none();
        }
        members.remove(member.name);
        ChatEvent.Left left = append(new ChatEvent.Left(lastSeq + 1, member.name, clock.instant()));
        return members.isEmpty() ? Outcome.none() : Outcome.of(List.of(new Delivery<>(left, everyone())));
    }

    /** The name a connection joined under, if it is a member. */
    @Override
    public Optional<MemberName> nameOf(M connection) {
        Member member = byConnection.get(connection);
        return member == null ? Optional.empty() : Optional.of(member.name);
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
        members.values().forEach(member -> names.add(member.name));
        return names;
    }

    private List<M> everyone() {
        List<M> connections = new ArrayList<>(members.size());
        members.values().forEach(member -> connections.add(member.connection));
        return connections;
    }
}
