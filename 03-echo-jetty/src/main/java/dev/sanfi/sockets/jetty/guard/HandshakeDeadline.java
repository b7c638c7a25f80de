package dev.sanfi.sockets.jetty.guard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * Closes a connection that is still speaking HTTP when the handshake timeout is over: the upgrade
 * must be <em>complete</em> by then (the slow-loris guard of contract §2, {@code docs/contract.md}).
 * RFC 6455 sets no such deadline; it is a limit of the contract, and Jetty has none for a whole head.
 *
 * <p>The connector's idle timeout alone is not enough: it only measures silence, so a client that
 * sends one byte of its request head just before each timeout would hold the socket forever. Once
 * upgraded, the endpoint carries a {@link WebSocketConnection} instead and the deadline lets it be.
 * Over TLS the deadline starts when the TCP connection is accepted, so a TLS handshake that stalls
 * is closed by it too.
 * (A keep-alive connection that fetched the page is closed at the deadline too; a browser simply
 * opens a new one.)
 */
public final class HandshakeDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final Map<Connection, Scheduler.Task> deadlines = new ConcurrentHashMap<>();

    public HandshakeDeadline(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof WebSocketConnection) {
            return; // Jetty tells connector listeners about the upgraded connection too
        }
        if (connection instanceof SslConnection) {
            // Over TLS the HTTP connection sits on the SslConnection's decrypted end, and its
            // deadline covers the TLS handshake as well; the SslConnection itself stays under the
            // WebSocket connection for good, so it gets none.
            return;
        }
        deadlines.put(connection, scheduler.schedule(() -> expire(connection), timeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task deadline = deadlines.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private void expire(Connection connection) {
        deadlines.remove(connection);
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint.getConnection() == connection) { // not upgraded
            endPoint.close();
        }
    }
}
