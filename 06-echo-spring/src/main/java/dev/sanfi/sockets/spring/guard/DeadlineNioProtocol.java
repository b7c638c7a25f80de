package dev.sanfi.sockets.spring.guard;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 protocol on its NIO endpoint, the one Spring Boot chooses by default, with a
 * {@link HandshakeDeadline} for every connection the endpoint accepts. Tomcat has no listener on an
 * accepted connection; the endpoint's own step after {@code accept()}, which makes a connection of
 * the socket and hands it to the poller, is where one starts.
 *
 * <p>Spring Boot's Tomcat factory names the protocol by class ({@code setProtocol}), and the connector
 * makes it with its no-argument constructor; the timeout comes after, from a protocol customizer.
 */
public final class DeadlineNioProtocol extends Http11NioProtocol {

    public DeadlineNioProtocol() {
        super(new DeadlineEndpoint());
    }

    /** From now on, every accepted connection gets this long to become a WebSocket. */
    public void setHandshakeTimeout(Duration timeout) {
        ((DeadlineEndpoint) getEndpoint()).deadline = new HandshakeDeadline(timeout);
    }

    private static final class DeadlineEndpoint extends NioEndpoint {

        private volatile HandshakeDeadline deadline;

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            boolean registered = super.setSocketOptions(socket);
            HandshakeDeadline current = deadline;
            SocketWrapperBase<NioChannel> connection = connections.get(socket); // null if already closed
            if (registered && current != null && connection != null) {
                current.start(this, connection);
            }
            return registered;
        }
    }
}
