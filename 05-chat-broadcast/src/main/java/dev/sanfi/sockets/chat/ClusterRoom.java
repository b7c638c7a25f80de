package dev.sanfi.sockets.chat;

import io.lettuce.core.RedisException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's part of a room that many nodes share through Redis ({@link RoomStore}).
 *
 * <p>A member's input goes to Redis first, where one script numbers it and appends it to the
 * stream; nothing is sent to anyone from there. Every event reaches the members — on this node and
 * every other — the same way: this node's reader thread reads the stream in order and delivers each
 * event to its local members. So there is one order (Redis's), every node delivers it, and a
 * member's own message comes back to it like everyone else's. The reader skips what it has already
 * delivered (by {@code seq}), so reading an entry twice, after a reconnect, sends it once.
 *
 * <p>A joining member waits, unseated, until the reader reaches its {@code joined} event: its
 * welcome is then exactly the room as of the event before, and the next event it gets is its own
 * {@code joined}. A resuming member waits until the reader has caught up with the moment of its resume.
 *
 * @param <M> how the transport names one connection; compared by identity
 */
final class ClusterRoom<M> implements Seats<M>, AutoCloseable {

    /** How long one read of the stream waits for new entries; also how soon the reader notices a close. */
    static final Duration READ_BLOCK = Duration.ofMillis(500);
    /** At most this many entries per read. */
    private static final int READ_COUNT = 500;
    /** At most this many leases renewed per script call, so that one call stays short. */
    private static final int RENEW_CHUNK = 500;
    /** Leaves waiting to be written to Redis; beyond it a leave is dropped and its lease expires instead. */
    private static final int LEAVE_QUEUE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRoom.class);

    /** Where the room's output goes: the transport sends it, in order, and closes whom it says. */
    interface Transport<M> {
        void send(ChatRoom.Outcome<M> outcome);
    }

    private final class Seat {
        final MemberName name;
        final ResumeToken token;
        final RateLimiter rate;
        final M connection;
        final String owner;
        final OptionalLong since;
        /** For a resume: seated once the reader has reached this seq. */
        long readyAt;
        boolean ready;
        /** Whether Redis holds this member's lease, so that leaving must be written there. */
        boolean registered;

        Seat(MemberName name, ResumeToken token, M connection, OptionalLong since) {
            this.name = name;
            this.token = token;
            this.rate = new RateLimiter(clock, messagesPerSecond, messageBurst);
            this.connection = connection;
            this.owner = nodeId + "/" + owners.incrementAndGet();
            this.since = since;
        }
    }

    private final RoomStore store;
    private final ClusterSettings settings;
    private final Clock clock;
    private final int messagesPerSecond;
    private final int messageBurst;
    private final String nodeId;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong owners = new AtomicLong();
    private final ThreadPoolExecutor leaves;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Transport<M> transport;
    private Thread reader;

    // Guarded by this.
    private final Map<M, Seat> seats = new HashMap<>();
    private final Map<MemberName, Seat> local = new HashMap<>();
    private final Map<Long, Seat> waitingForJoined = new HashMap<>();
    private final List<Seat> waitingToResume = new ArrayList<>();
    /** Every member of the cluster, in joining order, as the stream tells it. */
    private final Set<MemberName> members = new LinkedHashSet<>();
    private EventLog log = new EventLog(ChatLimits.RESUME_EVENTS);
    private long lastSeq;
    private String cursor;
    private boolean down;

    private ClusterRoom(RoomStore store, ClusterSettings settings, Clock clock, int messagesPerSecond, int messageBurst) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.messagesPerSecond = messagesPerSecond;
        this.messageBurst = messageBurst;
        byte[] id = new byte[6];
        random.nextBytes(id);
        this.nodeId = java.util.HexFormat.of().formatHex(id);
        this.leaves = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(LEAVE_QUEUE), task -> {
            Thread thread = new Thread(task, "chat-cluster-leaves");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Connects to Redis and reads the room's state; throws when Redis cannot be reached. */
    static <M> ClusterRoom<M> connect(ClusterSettings settings, Clock clock, int messagesPerSecond, int messageBurst) {
        RoomStore store = RoomStore.connect(settings);
        ClusterRoom<M> room = new ClusterRoom<>(store, settings, clock, messagesPerSecond, messageBurst);
        try {
            room.load();
        } catch (RuntimeException e) {
            room.leaves.shutdownNow();
            store.close();
            throw e;
        }
        return room;
    }

    /** The last seq and members from Redis, and the kept events up to it for the history. */
    private synchronized void load() {
        RoomStore.Snapshot snapshot = store.snapshot();
        for (RoomStore.Entry entry : store.upTo(snapshot.lastSeq() + "-0")) {
            if (entry.seq() > 0) {
                keep(event(entry));
            }
        }
        members.clear(); // as the snapshot says, not as the kept events suggest
        snapshot.members().forEach(name -> members.add(new MemberName(name)));
        lastSeq = snapshot.lastSeq();
        cursor = lastSeq + "-0";
    }

    /** Starts reading the stream; events go to {@code output} from now on. */
    void start(Transport<M> output) {
        this.transport = output;
        reader = new Thread(this::readLoop, "chat-cluster-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** As {@link ChatRoom#join(Object, String, String, String)}, but the welcome comes later, from the reader. */
    void join(M connection, String requestedName, String token, String since) {
        Optional<MemberName> parsed = MemberName.parse(requestedName);
        OptionalLong sinceSeq = ChatRoom.parseSeq(since);
        String refusal = parsed.isEmpty() ? MemberName.problem(requestedName)
                : since != null && sinceSeq.isEmpty() ? "since must be the seq of the last event seen (0 or more): " + since : null;
        if (refusal != null) {
            refuse(connection, ChatRoom.POLICY_VIOLATION, refusal);
            return;
        }
        Seat seat = new Seat(parsed.get(), ResumeToken.random(random), connection, sinceSeq);
        RoomStore.Joining joining;
        try {
            joining = store.join(seat.name, token, seat.token, clock.instant(), seat.owner);
        } catch (RedisException e) {
            // RFC 6455 §7.4.1 has no "try again later"; 1011 says the server could not fulfil it.
            refuse(connection, 1011, "the chat cannot reach its Redis now; try again shortly");
            return;
        }
        if (!joining.joined() && !joining.resumed()) {
            refuse(connection, ChatRoom.POLICY_VIOLATION, "name taken: " + seat.name);
            return;
        }
        List<ChatRoom.Outcome<M>> outcomes = new ArrayList<>();
        synchronized (this) {
            seat.registered = true;
            seats.put(connection, seat);
            if (joining.joined() && joining.seq() > lastSeq) {
                waitingForJoined.put(joining.seq(), seat);
            } else if (joining.joined()) {
                // The reader passed its joined event before this thread got here: the welcome as of
                // the event before it, then every event since, its own joined first.
                List<ChatRoom.Delivery<M>> deliveries = new ArrayList<>();
                deliveries.add(new ChatRoom.Delivery<>(welcome(seat, joining.seq() - 1), List.of(connection)));
                log.since(joining.seq() - 1, lastSeq, Integer.MAX_VALUE).events()
                        .forEach(event -> deliveries.add(new ChatRoom.Delivery<>(event, List.of(connection))));
                outcomes.add(ChatRoom.Outcome.of(deliveries));
                seat(seat);
            } else {
                seat.readyAt = joining.seq();
                waitingToResume.add(seat);
                seatResumes(outcomes);
            }
        }
        outcomes.forEach(transport::send);
    }

    /** As {@link ChatRoom#receive}: a valid message within the member's rate goes to Redis, and comes back through the stream. */
    void receive(M connection, String text) {
        Seat seat;
        synchronized (this) {
            seat = seats.get(connection);
        }
        if (seat == null || !seat.ready) {
            return;
        }
        if (!seat.rate.tryAcquire()) {
            tell(connection, "too many messages: at most " + messagesPerSecond + " a second (bursts of " + messageBurst
                    + "); this one was not sent");
            return;
        }
        Inbound inbound = ChatCodec.decode(text);
        if (inbound instanceof Inbound.Invalid invalid) {
            tell(connection, invalid.reason());
            return;
        }
        try {
            if (store.message(seat.name, seat.token, ((Inbound.Message) inbound).text(), clock.instant()) == 0) {
                tell(connection, "this connection no longer holds the name " + seat.name + "; this one was not sent");
            }
        } catch (RedisException e) {
            tell(connection, "the chat cannot reach its Redis now; this one was not sent, try again shortly");
        }
    }

    void receiveBinary(M connection) {
        boolean member;
        synchronized (this) {
            member = seats.containsKey(connection);
        }
        if (member) {
            tell(connection, "binary messages are not part of the chat protocol; send JSON text");
        }
    }

    @Override
    public synchronized Optional<MemberName> nameOf(M connection) {
        Seat seat = seats.get(connection);
        return seat == null || !seat.ready ? Optional.empty() : Optional.of(seat.name);
    }

    /**
     * The connection is gone, or too slow. Its leave is written to Redis on another thread (the
     * caller may be the reader, which must not wait); its {@code left} comes back through the stream.
     */
    @Override
    public synchronized ChatRoom.Outcome<M> leave(M connection) {
        Seat seat = seats.remove(connection);
        if (seat == null) {
            return ChatRoom.Outcome.none();
        }
        local.remove(seat.name, seat);
        waitingToResume.remove(seat);
        waitingForJoined.values().remove(seat);
        if (seat.registered) {
            leaves.execute(() -> {
                try {
                    store.leave(seat.name, seat.token, clock.instant());
                } catch (RedisException e) {
                    LOG.info("could not write that {} left ({}); its lease will expire", seat.name, e.getMessage());
                }
            });
        }
        return ChatRoom.Outcome.none();
    }

    private void readLoop() {
        long renewDue = 0;
        long sweepDue = 0;
        int failures = 0;
        boolean resync = false;
        while (stopping.getCount() > 0) {
            try {
                if (resync) {
                    long seen;
                    synchronized (this) {
                        seen = lastSeq;
                    }
                    store.floor(seen);
                    renewDue = 0;
                    resync = false;
                }
                String from;
                synchronized (this) {
                    from = cursor;
                }
                List<RoomStore.Entry> entries = store.after(from, READ_BLOCK, READ_COUNT);
                List<ChatRoom.Outcome<M>> outcomes = new ArrayList<>();
                synchronized (this) {
                    if (down) {
                        down = false;
                        LOG.info("Redis {} answers again; the room goes on", settings.redis());
                    }
                    entries.forEach(entry -> apply(entry, outcomes));
                    seatResumes(outcomes);
                }
                outcomes.forEach(transport::send);
                long now = System.nanoTime();
                if (now - renewDue >= 0) {
                    renew();
                    renewDue = now + settings.nameLease().toNanos() / 3;
                }
                if (now - sweepDue >= 0) {
                    store.sweep(clock.instant());
                    sweepDue = now + settings.nameLease().toNanos() / 2;
                }
                failures = 0;
            } catch (RedisException e) {
                if (stopping.getCount() == 0) {
                    break;
                }
                resync = true;
                failures++;
                lostRedis(e);
                if (!pause(backoff(failures))) {
                    break;
                }
            }
        }
    }

    /** Full jitter (a random wait up to an exponentially growing bound) keeps nodes from retrying in step. */
    private Duration backoff(int failures) {
        long bound = Math.min(settings.maxBackoff().toMillis(), 50L << Math.min(failures, 16));
        return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(bound));
    }

    private boolean pause(Duration wait) {
        try {
            return !stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Once per outage: one log line, and every local member told (the connections stay). */
    private void lostRedis(RedisException e) {
        List<M> everyone;
        synchronized (this) {
            if (down) {
                return;
            }
            down = true;
            everyone = readyConnections();
        }
        LOG.warn("Redis {} cannot be reached ({}); retrying", settings.redis(), e.getMessage());
        if (!everyone.isEmpty()) {
            transport.send(ChatRoom.Outcome.of(List.of(new ChatRoom.Delivery<>(new ChatEvent.Error(
                    "the chat lost its Redis; retrying. Messages cannot be sent until it is back"), everyone))));
        }
    }

    /** Renews the leases of every local member; a name another token holds now is this connection's no more. */
    private void renew() {
        List<Seat> registered;
        synchronized (this) {
            registered = seats.values().stream().filter(seat -> seat.registered).toList();
        }
        for (int from = 0; from < registered.size(); from += RENEW_CHUNK) {
            List<Seat> chunk = registered.subList(from, Math.min(registered.size(), from + RENEW_CHUNK));
            List<String> lost = store.renew(chunk.stream().map(seat -> seat.name).toList(),
                    chunk.stream().map(seat -> seat.token).toList());
            if (!lost.isEmpty()) {
                LOG.info("names held elsewhere now: {}", lost);
            }
        }
    }

    /** One stream entry, with this room's lock held: deliveries and disconnects into {@code outcomes}. */
    private void apply(RoomStore.Entry entry, List<ChatRoom.Outcome<M>> outcomes) {
        if (entry.seq() == 0) {
            cursor = entry.id();
            if (entry.type().equals("replaced")) {
                replaced(new MemberName(entry.name()), entry.owner(), outcomes);
            }
            return;
        }
        if (entry.seq() <= lastSeq) {
            return; // delivered already: at-least-once from Redis, exactly once to the member
        }
        cursor = entry.id();
        ChatEvent.Sequenced event;
        try {
            event = event(entry);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("skipped stream entry {}: {}", entry.id(), e.getMessage()); // not written by a node of this version
            return;
        }
        List<ChatRoom.Delivery<M>> deliveries = new ArrayList<>();
        Seat joining = waitingForJoined.remove(entry.seq());
        if (joining != null) {
            deliveries.add(new ChatRoom.Delivery<>(welcome(joining, lastSeq), List.of(joining.connection)));
            seat(joining);
        }
        keep(event);
        List<M> recipients = readyConnections();
        if (event instanceof ChatEvent.Left left && local.get(left.name()) != null) {
            // Swept while its connection lives (its lease lapsed): it is not in the room any more.
            Seat gone = local.remove(left.name());
            seats.remove(gone.connection);
            outcomes.add(new ChatRoom.Outcome<>(List.of(), List.of(new ChatRoom.Disconnect<>(gone.connection, 1011, "lease lost"))));
        }
        if (!recipients.isEmpty()) {
            deliveries.add(new ChatRoom.Delivery<>(event, recipients));
        }
        outcomes.add(ChatRoom.Outcome.of(deliveries));
    }

    /** Someone took this name back with its token: a connection here that held it is closed 4000. */
    private void replaced(MemberName name, String owner, List<ChatRoom.Outcome<M>> outcomes) {
        for (Iterator<Seat> it = seats.values().iterator(); it.hasNext();) {
            Seat seat = it.next();
            if (seat.name.equals(name) && !seat.owner.equals(owner)) {
                it.remove();
                local.remove(name, seat);
                waitingToResume.remove(seat);
                waitingForJoined.values().remove(seat);
                outcomes.add(new ChatRoom.Outcome<>(List.of(),
                        List.of(new ChatRoom.Disconnect<>(seat.connection, ChatLimits.CLOSE_REPLACED, "replaced"))));
            }
        }
    }

    /** Appends an event the stream gave to the history, and follows who is in the room. */
    private void keep(ChatEvent.Sequenced event) {
        if (event.seq() != lastSeq + 1) {
            log = new EventLog(ChatLimits.RESUME_EVENTS); // events between were trimmed away: the history starts again here
        }
        log.append(event);
        lastSeq = event.seq();
        if (event instanceof ChatEvent.Joined joined) {
            members.add(joined.name());
        } else if (event instanceof ChatEvent.Left left) {
            members.remove(left.name());
        }
    }

    private void seatResumes(List<ChatRoom.Outcome<M>> outcomes) {
        for (Iterator<Seat> it = waitingToResume.iterator(); it.hasNext();) {
            Seat seat = it.next();
            if (seat.readyAt <= lastSeq) {
                it.remove();
                outcomes.add(ChatRoom.Outcome.of(List.of(new ChatRoom.Delivery<>(welcome(seat, lastSeq), List.of(seat.connection)))));
                seat(seat);
            }
        }
    }

    private void seat(Seat seat) {
        seat.ready = true;
        local.put(seat.name, seat);
    }

    /** The welcome as of seq {@code asOf}: the events after its since up to there, else the last messages. */
    private ChatEvent.Welcome welcome(Seat seat, long asOf) {
        List<MemberName> names = new ArrayList<>(members);
        if (!names.contains(seat.name)) {
            names.add(seat.name);
        }
        if (seat.since.isPresent()) {
            EventLog.Replay replay = log.since(seat.since.getAsLong(), lastSeq, ChatLimits.RESUME_BYTES);
            List<ChatEvent.Sequenced> upTo = replay.events().stream().filter(event -> event.seq() <= asOf).toList();
            return new ChatEvent.Welcome(seat.name, seat.token.text(), names, asOf, replay.gap(), upTo);
        }
        return new ChatEvent.Welcome(seat.name, seat.token.text(), names, asOf, false,
                List.copyOf(log.recentMessages(ChatLimits.HISTORY_SIZE, asOf)));
    }

    private static ChatEvent.Sequenced event(RoomStore.Entry entry) {
        MemberName name = new MemberName(entry.name());
        return switch (entry.type()) {
            case "joined" -> new ChatEvent.Joined(entry.seq(), name, entry.at());
            case "left" -> new ChatEvent.Left(entry.seq(), name, entry.at());
            case "message" -> new ChatEvent.Message(entry.seq(), name, entry.text(), entry.at());
            default -> throw new IllegalStateException("unknown entry type in the stream: " + entry.type());
        };
    }

    private List<M> readyConnections() {
        List<M> connections = new ArrayList<>(local.size());
        local.values().forEach(seat -> connections.add(seat.connection));
        return connections;
    }

    private void tell(M connection, String reason) {
        transport.send(ChatRoom.Outcome.of(List.of(new ChatRoom.Delivery<>(new ChatEvent.Error(reason), List.of(connection)))));
    }

    private void refuse(M connection, int code, String reason) {
        transport.send(new ChatRoom.Outcome<>(List.of(new ChatRoom.Delivery<>(new ChatEvent.Error(reason), List.of(connection))),
                List.of(new ChatRoom.Disconnect<>(connection, code, reason))));
    }

    /**
     * As a node that dies: the reader stops and the Redis client closes before any leave is
     * written, so the members' leases simply run out (for tests of a dead node).
     */
    void abandon() {
        leaves.shutdownNow();
        close();
    }

    /** Stops the reader, writes the leaves already queued (bounded), and closes the Redis client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping.countDown();
        try {
            if (reader != null) {
                reader.join(settings.commandTimeout().plus(READ_BLOCK).toMillis() + 1000);
            }
            leaves.shutdown();
            leaves.awaitTermination(settings.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leaves.shutdownNow();
            store.close();
        }
    }
}
