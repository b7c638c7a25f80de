package dev.sanfi.sockets.spring.guard;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.coyote.http11.upgrade.UpgradeProcessorBase;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Closes a connection that is not a WebSocket yet when the handshake timeout is over, counted from
 * the moment Tomcat accepted it: the upgrade must be <em>complete</em> by then, the TLS handshake
 * before it included (the slow-loris guard of contract §2, {@code docs/contract.md}). RFC 6455 sets
 * no such deadline; it is a limit of the contract.
 *
 * <p>Tomcat has none for a whole request head: its {@code connectionTimeout} is a read timeout,
 * started again by every read, so a client that sends one byte of its head (or of its TLS
 * ClientHello, which Tomcat reads before any HTTP) a little more often than that would hold the
 * socket forever. {@link DeadlineNioProtocol}'s endpoint starts this deadline for every connection it
 * accepts.
 *
 * <p>At the deadline, under the connection's lock (so never while a worker is on it: Tomcat takes
 * the processor out of a connection while it works), a connection whose processor is an upgrade
 * processor (a WebSocket, after the 101) is left alone; any other is closed without an answer (or
 * its TLS handshake ends as failed). A connection busy at its deadline is looked at again shortly. A keep-alive
 * connection that fetched the page is closed at the deadline too; a browser simply opens a new one.
 */
final class HandshakeDeadline {

    /** How soon to look again at a connection a worker was busy with at its deadline. */
    private static final Duration BUSY_RECHECK = Duration.ofMillis(100);

    private final Duration timeout;

    HandshakeDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Starts the deadline of a connection the endpoint has just accepted. The timer holds the
     * connection until then, whatever becomes of it: at most the connections accepted within one
     * handshake timeout.
     */
    <S> void start(AbstractEndpoint<S, ?> endpoint, SocketWrapperBase<S> connection) {
        endpoint.getUtilityExecutor().schedule(() -> expire(endpoint, connection), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private <S> void expire(AbstractEndpoint<S, ?> endpoint, SocketWrapperBase<S> connection) {
        ReentrantLock lock = connection.getLock();
        if (!lock.tryLock()) {
            // A worker is on the connection right now, and Tomcat takes the processor out of it while
            // it works (getCurrentProcessor() is null then, for a WebSocket too): look again once it
            // is done. A connection that stalls its handshake is not being worked on.
            endpoint.getUtilityExecutor().schedule(() -> expire(endpoint, connection), BUSY_RECHECK.toNanos(),
                    TimeUnit.NANOSECONDS);
            return;
        }
        try {
            if (connection.isClosed() || connection.getCurrentProcessor() instanceof UpgradeProcessorBase) {
                return;
            }
            connection.close(); // no answer owed: the request never came, or came too slowly
        } finally {
            lock.unlock();
        }
    }
}
