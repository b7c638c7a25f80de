package dev.sanfi.sockets.chat.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The state before authentication: connections that are open but have not proved who they are.
 * Such a connection is in no room, receives no event, and has until the deadline to send its first
 * message ({@link FirstMessage}); at the deadline it is refused. Whichever comes first, the message
 * or the deadline, decides, and only once.
 *
 * @param <C> how the transport names a connection; compared by identity
 */
public final class AuthGate<C> {

    static final String TIMEOUT = "authentication timeout";

    private record Waiting(String requestedName, ScheduledFuture<?> deadline) {
    }

    private final Authentication authentication;
    private final ScheduledExecutorService timers;
    private final BiConsumer<C, String> refuse;
    private final Map<C, Waiting> waiting = new ConcurrentHashMap<>();

    /** @param refuse closes a connection with 1008 and the reason given; called on a timer's thread at the deadline */
    public AuthGate(Authentication authentication, ScheduledExecutorService timers, BiConsumer<C, String> refuse) {
        this.authentication = authentication;
        this.timers = timers;
        this.refuse = refuse;
    }

    /** A connection opened, asking for {@code requestedName} in its URL (null when it asked for none). */
    public void opened(C connection, String requestedName) {
        // In the map before the timer exists, so that a deadline however short finds it there.
        waiting.put(connection, new Waiting(requestedName, null));
        ScheduledFuture<?> deadline = timers.schedule(() -> {
            if (waiting.remove(connection) != null) {
                refuse.accept(connection, TIMEOUT);
            }
        }, authentication.deadline().toMillis(), TimeUnit.MILLISECONDS);
        if (waiting.computeIfPresent(connection, (key, entry) -> new Waiting(entry.requestedName(), deadline)) == null) {
            deadline.cancel(false); // closed, or decided, in the meantime
        }
    }

    /** Whether the connection has yet to authenticate: its next message is its first. */
    public boolean isWaiting(C connection) {
        return waiting.containsKey(connection);
    }

    /**
     * The connection's first message (null for a binary one) and what it decides; empty when the
     * deadline came first (the connection is being refused already).
     */
    public Optional<FirstMessage.Admission> firstMessage(C connection, String text) {
        Waiting entry = waiting.remove(connection);
        if (entry == null) {
            return Optional.empty();
        }
        cancel(entry);
        return Optional.of(FirstMessage.decide(text, entry.requestedName(), authentication.tokens()));
    }

    /** The connection closed: it waits no longer. */
    public void closed(C connection) {
        Waiting entry = waiting.remove(connection);
        if (entry != null) {
            cancel(entry);
        }
    }

    private static void cancel(Waiting entry) {
        if (entry.deadline() != null) {
            entry.deadline().cancel(false);
        }
    }
}
