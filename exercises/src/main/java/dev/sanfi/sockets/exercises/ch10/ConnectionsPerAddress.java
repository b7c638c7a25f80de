package dev.sanfi.sockets.exercises.ch10;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chapter 10, exercise 3: at most {@code limit} open connections from one client address. Pure and
 * thread-safe: connections open and close on several event loops at once. An address with no
 * connection left is forgotten, so the map holds only the addresses connected now.
 */
public final class ConnectionsPerAddress {

    private final int limit;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one connection per address, not " + limit);
        }
        this.limit = limit;
    }

    /** Counts one more connection from {@code address}, unless it has {@code limit} already. */
    public boolean tryOpen(InetAddress address) {
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < limit;
            return admitted[0] ? now + 1 : count;
        });
        return admitted[0];
    }

    /** One connection that {@link #tryOpen} admitted has closed. */
    public void closed(InetAddress address) {
        open.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    /** How many connections from {@code address} are open. */
    public int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
