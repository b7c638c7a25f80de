package dev.sanfi.sockets.chat;

import dev.sanfi.sockets.common.ExtensionHeader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.sanfi.sockets.chat.auth.AuthGate;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.FirstMessage;
import dev.sanfi.sockets.chat.guard.ConnectionGuard;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java-WebSocket adapter around the {@link ChatRoom}: it turns the library's callbacks into
 * calls on the room and writes the room's {@link ChatRoom.Outcome} to the sockets.
 *
 * <p>Ordering: callbacks arrive on several worker threads at once. Each one calls the room and sends
 * the outcome while holding the room's lock, so events are queued on every socket in {@code seq}
 * order. Holding a lock while sending is only safe because sending never waits: Java-WebSocket
 * puts the frame on the connection's queue and its selector thread writes it when the socket can
 * take it. That same property is the danger this class guards against: a member that does not
 * read makes its queue grow without end. After each delivery the member's unsent bytes are
 * estimated in constant time ({@link UnsentBytes}); past the bound the member is removed from the room, announced as left,
 * and disconnected — nobody else waits for it.
 */
final class ChatEndpoint extends WebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);

    private final ChatSettings settings;
    private final PageOrigin pageOrigin;
    private final ChatRoom<WebSocket> room;
    /** With {@code server --redis}: the room many nodes share; null for the room in memory. */
    private final ClusterRoom<WebSocket> cluster;
    /** Whom {@link #deliver} asks about slow members: the room in memory or the cluster's. */
    private final Seats<WebSocket> seats;
    /** Held while an outcome is sent, so that outcomes are queued on the sockets one after another. */
    private final Object lock;
    private final ScheduledExecutorService closer;
    private final ConnectionGuard guard;
    /** With {@code server --secret-file}: where a connection waits until its first message proves its name; null: an open chat. */
    private final AuthGate<WebSocket> gate;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;
    private volatile Thread selectorThread;

    ChatEndpoint(ChatSettings settings, int pagePort, ScheduledExecutorService closer, ConnectionGuard guard,
            ClusterRoom<WebSocket> cluster, Authentication authentication) {
        // RFC 6455 only (the guard's Draft_6455), with the message limit applied however a message
        // is fragmented: the library's own limit bites only at a message's final fragment.
        super(new InetSocketAddress(settings.host(), settings.wsPort()), List.of(guard.draft()));
        this.settings = settings;
        this.pageOrigin = new PageOrigin(settings.originPolicy(), pagePort);
        this.room = new ChatRoom<>(Clock.systemUTC(), settings.messagesPerSecond(), settings.messageBurst());
        this.cluster = cluster;
        this.seats = cluster != null ? cluster : room;
        this.lock = cluster != null ? cluster : room;
        this.closer = closer;
        this.guard = guard;
        this.gate = authentication == null ? null : new AuthGate<>(authentication, closer, this::refuse);
        setReuseAddr(true);
        // TCP_NODELAY stays off (the library's default): a broadcast writes many small frames to
        // each socket, and Nagle's algorithm joins them; with it on, 2,000 joins took 3× as long.
        setMaxPendingConnections(ChatLimits.ACCEPT_BACKLOG);
        // Every socket through the guard: request head limit and deadline, Close before TCP close.
        setWebSocketFactory(guard.factory());
        // The library's lost-connection timer counts only Pongs and drops a connection without a
        // Close frame; the guard pings after silence and sends Close 1001 at the idle timeout.
        setConnectionLostTimeout(0);
    }

    /** Waits until the listening socket is bound; throws what stopped it from binding. */
    void awaitStarted() throws Exception {
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the WebSocket server did not start within 10 s");
        }
        if (startFailure != null) {
            throw startFailure;
        }
    }

    /**
     * The only place Java-WebSocket lets a server refuse an upgrade. Whatever the reason, the
     * library answers {@code 404 WebSocket Upgrade Failure}: there is no way to send 403 for a
     * foreign origin (RFC 6455 §4.2.2 suggests 403), so a refused origin looks like a wrong path.
     */
    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
        guard.accepted(connection, draft);
        boolean chat = ChatRequestTarget.parse(request.getResourceDescriptor()).map(ChatRequestTarget::isChat).orElse(false);
        if (!chat) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no such path: " + request.getResourceDescriptor());
        }
        String origin = request.getFieldValue("Origin"); // "" when absent
        if (!pageOrigin.allows(origin, request.getFieldValue("Host"))) {
            LOG.info("refused {}: origin {} not allowed", connection.getRemoteSocketAddress(), origin);
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "origin not allowed: " + origin);
        }
        try {
            // RFC 6455 §9.1: a malformed header MUST fail the connection, compression on or off;
            // the library itself only ever declines it.
            ExtensionHeader.parse(List.of(request.getFieldValue("Sec-WebSocket-Extensions")));
        } catch (ExtensionHeader.MalformedException e) {
            LOG.info("refused {}: Sec-WebSocket-Extensions: {}", connection.getRemoteSocketAddress(), e.problem());
            throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "Sec-WebSocket-Extensions does not follow RFC 6455 §9.1");
        }
        return response;
    }

    @Override
    public void onStart() {
        selectorThread = Thread.currentThread();
        guard.watch(this::getConnections, this::onWriteDemand);
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        LOG.info("opened {}", connection.getRemoteSocketAddress());
        ChatRequestTarget target = targetOf(handshake.getResourceDescriptor());
        if (gate != null) {
            gate.opened(connection, target.name()); // joins once its first message is a valid token: admit()
            return;
        }
        join(connection, target.name(), target);
    }

    /** The first message decided: join under the token's name, or Close 1008 (RFC 6455 §7.4.1). */
    private void admit(WebSocket connection, Optional<FirstMessage.Admission> admission) {
        if (admission.orElse(null) instanceof FirstMessage.Admission.Admitted admitted) {
            join(connection, admitted.name().value(), targetOf(connection.getResourceDescriptor()));
        } else if (admission.orElse(null) instanceof FirstMessage.Admission.Refused refused) {
            refuse(connection, refused.reason());
        }
    }

    private void refuse(WebSocket connection, String reason) {
        LOG.info("refused {}: {}", connection.getRemoteSocketAddress(), reason);
        disconnect(List.of(new ChatRoom.Disconnect<>(connection, ChatRoom.POLICY_VIOLATION, reason)));
    }

    private static ChatRequestTarget targetOf(String resourceDescriptor) {
        return ChatRequestTarget.parse(resourceDescriptor).orElse(new ChatRequestTarget(ChatRequestTarget.CHAT_PATH, null, null, null));
    }

    private void join(WebSocket connection, String name, ChatRequestTarget target) {
        if (cluster != null) {
            cluster.join(connection, name, target.token(), target.since());
            return;
        }
        List<ChatRoom.Disconnect<WebSocket>> disconnects;
        synchronized (room) {
            disconnects = deliver(room.join(connection, name, target.token(), target.since()));
        }
        disconnect(disconnects);
    }

    @Override
    public void onMessage(WebSocket connection, String text) {
        if (gate != null && gate.isWaiting(connection)) {
            admit(connection, gate.firstMessage(connection, text));
            return;
        }
        if (cluster != null) {
            cluster.receive(connection, text);
            return;
        }
        List<ChatRoom.Disconnect<WebSocket>> disconnects;
        synchronized (room) {
            disconnects = deliver(room.receive(connection, text));
        }
        disconnect(disconnects);
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer data) {
        if (gate != null && gate.isWaiting(connection)) {
            admit(connection, gate.firstMessage(connection, null));
            return;
        }
        if (cluster != null) {
            cluster.receiveBinary(connection);
            return;
        }
        List<ChatRoom.Disconnect<WebSocket>> disconnects;
        synchronized (room) {
            disconnects = deliver(room.receiveBinary(connection));
        }
        disconnect(disconnects);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        LOG.info("closed {} with {}{}", connection.getRemoteSocketAddress(), code, reason == null || reason.isEmpty() ? "" : " " + reason);
        if (gate != null) {
            gate.closed(connection);
        }
        send(seats.leave(connection));
    }

    /**
     * Sends one outcome and closes whom it says: what {@link ClusterRoom} hands out, from its
     * reader thread (the events, in seq order) and from the library's threads (refusals).
     */
    void send(ChatRoom.Outcome<WebSocket> outcome) {
        List<ChatRoom.Disconnect<WebSocket>> disconnects;
        synchronized (lock) {
            disconnects = deliver(outcome);
        }
        disconnect(disconnects);
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
        if (connection == null) { // the server itself: it could not bind, or its selector failed
            startFailure = error;
            started.countDown();
            LOG.warn("chat server failed: {}", error.toString());
        } else {
            LOG.warn("error on {}: {}", connection.getRemoteSocketAddress(), error.toString());
        }
    }

    /**
     * Sends an outcome — and the outcomes it causes, when members turn out to be too slow — and
     * returns whom to close. Called with the room's lock held; never waits for a socket.
     */
    private List<ChatRoom.Disconnect<WebSocket>> deliver(ChatRoom.Outcome<WebSocket> first) {
        List<ChatRoom.Disconnect<WebSocket>> disconnects = new ArrayList<>();
        Set<WebSocket> dropped = new HashSet<>();
        Deque<ChatRoom.Outcome<WebSocket>> work = new ArrayDeque<>(List.of(first));
        while (!work.isEmpty()) {
            ChatRoom.Outcome<WebSocket> outcome = work.removeFirst();
            for (ChatRoom.Delivery<WebSocket> delivery : outcome.deliveries()) {
                List<WebSocket> recipients = new ArrayList<>(delivery.recipients());
                recipients.removeAll(dropped);
                int frameBytes = fanOut(delivery.event(), recipients);
                for (WebSocket member : recipients) {
                    if (unsentAfter(member, frameBytes) > settings.maxUnsentBytes() && seats.nameOf(member).isPresent()) {
                        LOG.info("dropping {} ({}): more than {} bytes unsent", seats.nameOf(member).get(),
                                member.getRemoteSocketAddress(), settings.maxUnsentBytes());
                        dropped.add(member);
                        work.addLast(seats.leave(member)); // its "left" goes to the others, in seq order
                        disconnects.add(new ChatRoom.Disconnect<>(member, ChatRoom.POLICY_VIOLATION, "too slow"));
                    }
                }
            }
            disconnects.addAll(outcome.disconnects());
        }
        return disconnects;
    }

    /**
     * One event to many members: encoded to JSON once, framed once, queued on each socket. Returns
     * the payload's size in bytes (the frame's header adds at most 10 more).
     */
    private int fanOut(ChatEvent event, List<WebSocket> recipients) {
        String json = ChatCodec.encode(event);
        // broadcast() builds the frames once per draft and queues them on each connection;
        // a connection that is already closing is skipped, not an error.
        broadcast(json, recipients);
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Records one more frame for the member and says how many bytes it has not taken yet. */
    private static long unsentAfter(WebSocket member, int frameBytes) {
        if (!(member instanceof WebSocketImpl connection)) {
            return 0;
        }
        UnsentBytes unsent = connection.getAttachment();
        if (unsent == null) {
            unsent = new UnsentBytes();
            connection.setAttachment(unsent);
        }
        unsent.queued(frameBytes);
        // outQueue is public in Java-WebSocket, and its size() costs nothing (see UnsentBytes).
        return unsent.unsent(connection.outQueue.size());
    }

    /**
     * Closes connections outside the room's lock: Java-WebSocket calls {@link #onClose} while
     * holding the connection's own lock, and onClose takes the room's lock — closing under the
     * room's lock could deadlock against it.
     */
    private void disconnect(List<ChatRoom.Disconnect<WebSocket>> disconnects) {
        for (ChatRoom.Disconnect<WebSocket> disconnect : disconnects) {
            WebSocket connection = disconnect.connection();
            connection.close(disconnect.code(), disconnect.reason());
            // The Close frame waits behind everything already queued; a member that does not
            // read will never reach it. Give it a moment, then close the socket under it.
            closer.schedule(() -> {
                if (!connection.isClosed()) {
                    connection.closeConnection(disconnect.code(), disconnect.reason());
                }
            }, ChatLimits.SLOW_MEMBER_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Close 1001 to everyone, wait up to {@code grace} for the closing handshakes, then close the
     * sockets that are left and wait for the selector thread to end.
     */
    void shutdown(Duration grace) throws InterruptedException {
        stop((int) grace.toMillis(), "server shutting down");
        for (WebSocket connection : new ArrayList<>(getConnections())) {
            connection.closeConnection(CloseFrame.GOING_AWAY, "server shutting down");
        }
        Thread selector = selectorThread;
        if (selector != null) {
            selector.join(grace.toMillis());
        }
    }
}
