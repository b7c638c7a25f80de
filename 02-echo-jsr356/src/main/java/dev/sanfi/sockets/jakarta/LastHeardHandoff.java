package dev.sanfi.sockets.jakarta;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries each connection's {@link LastHeard} from the Grizzly side, where the {@link FrameGuard} makes
 * it, to the endpoint, which the container makes later and which sees nothing of Grizzly. The guard
 * puts it here under a fresh key and names the key in a request header of the upgrade; the
 * configurator's {@code modifyHandshake} — the specification's hook for per-handshake data — takes it
 * out into the session's user properties, where the endpoint finds it.
 */
final class LastHeardHandoff {

    /** The request header with the key; the guard replaces any a client sent itself. */
    static final String HEADER = "X-Sanfi-Last-Heard";

    /** Where the endpoint finds the connection's {@link LastHeard}: {@code session.getUserProperties()}. */
    static final String USER_PROPERTY = LastHeard.class.getName();

    private final AtomicLong keys = new AtomicLong();
    private final Map<String, LastHeard> waiting = new ConcurrentHashMap<>();

    /** Leaves {@code lastHeard} for the handshake; returns the key to put in the {@link #HEADER}. */
    String offer(LastHeard lastHeard) {
        String key = Long.toString(keys.incrementAndGet());
        waiting.put(key, lastHeard);
        return key;
    }

    /** Takes what was offered under the key in {@code headers}' {@link #HEADER}; null when nothing was. */
    LastHeard take(Map<String, List<String>> headers) {
        List<String> key = headers.get(HEADER);
        return key == null || key.isEmpty() ? null : waiting.remove(key.get(0));
    }

    /** The connection closed: what nobody took (an upgrade the container refused) is dropped. */
    void withdraw(String key) {
        waiting.remove(key);
    }

    /** How many are waiting to be taken; for tests. */
    int waiting() {
        return waiting.size();
    }
}
