package dev.sanfi.sockets.raw.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sessions of a server, so that a stopping server can send each of them Close 1001 Going Away
 * (RFC 6455 §7.4.1), and count them against its limit. Thread-safe: the thread shell registers from
 * its accept thread and removes from each connection's thread; the selector shell uses it from its
 * one loop thread.
 */
public final class OpenSessions<S> {

    private final Set<S> open = new HashSet<>();
    private boolean closing;

    /** Registers a session; false when the server is stopping, and the caller must drop it. */
    public synchronized boolean add(S session) {
        if (closing) {
            return false;
        }
        open.add(session);
        return true;
    }

    public synchronized void remove(S session) {
        open.remove(session);
    }

    public synchronized int size() {
        return open.size();
    }

    public synchronized boolean isEmpty() {
        return open.isEmpty();
    }

    /** The server stops: no session is added any more; the ones open now are returned, to be told. */
    public synchronized List<S> closeAll() {
        closing = true;
        return new ArrayList<>(open);
    }

    /** The sessions open now. */
    public synchronized List<S> snapshot() {
        return new ArrayList<>(open);
    }
}
