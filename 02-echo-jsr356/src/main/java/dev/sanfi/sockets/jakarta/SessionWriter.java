package dev.sanfi.sockets.jakarta;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every frame the server sends on one session goes through here, one at a time.
 *
 * <p>Two threads send on a session: the container's read thread (the echo) and the keepalive's timer
 * thread (pings, the idle close). The Jakarta WebSocket specification does not make
 * {@code RemoteEndpoint.Basic} safe for that: a send that starts while another is still writing may
 * throw {@code IllegalStateException} or, in some containers, interleave. Tyrus happens to lock per
 * frame, but code written against the specification must not count on it, so the server holds this
 * lock around each whole send.
 */
final class SessionWriter {

    private final Session session;
    private final ReentrantLock lock = new ReentrantLock();

    SessionWriter(Session session) {
        this.session = session;
    }

    Session session() {
        return session;
    }

    void text(String text) throws IOException {
        lock.lock();
        try {
            session.getBasicRemote().sendText(text);
        } finally {
            lock.unlock();
        }
    }

    void binary(ByteBuffer data) throws IOException {
        lock.lock();
        try {
            session.getBasicRemote().sendBinary(data);
        } finally {
            lock.unlock();
        }
    }

    /** RFC 6455 §5.5.2: a Ping's payload is at most 125 bytes; the peer answers with a Pong carrying it. */
    void ping(ByteBuffer payload) throws IOException {
        lock.lock();
        try {
            session.getBasicRemote().sendPing(payload);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the closing handshake (RFC 6455 §7.1.2); the container closes TCP when it is done. */
    void close(CloseReason reason) {
        lock.lock();
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException e) {
            // The peer is gone already; there is nobody left to tell.
        } finally {
            lock.unlock();
        }
    }
}
