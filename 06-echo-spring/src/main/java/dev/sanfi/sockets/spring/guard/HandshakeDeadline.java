package dev.sanfi.sockets.spring.guard;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.http11.upgrade.UpgradeProcessorBase;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
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
 * <p>At the deadline a connection whose processor is an upgrade processor (a WebSocket, after the
 * 101) is left alone; any other gets what Tomcat's own timeouts give a connection: an error event,
 * handled on a worker thread under the connection's lock, so never while another thread is working
 * on it, which closes it without an answer (or ends its TLS handshake as failed). A keep-alive
 * connection that fetched the page is closed at the deadline too; a browser simply opens a new one.
 */
final class HandshakeDeadline {

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
        if (connection.isClosed() || connection.getCurrentProcessor() instanceof UpgradeProcessorBase) {
            return;
        }
        connection.setError(new SocketTimeoutException("no WebSocket within the handshake timeout of "
                + timeout.toMillis() + " ms"));
        if (!endpoint.processSocket(connection, SocketEvent.ERROR, true)) {
            connection.close(); // the endpoint is stopping and takes no more work
        }
    }
}
