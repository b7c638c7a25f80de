package dev.sanfi.sockets.jakarta;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.function.Supplier;

/**
 * Hands the container a new {@link EchoEndpoint} for each connection. This is the specification's
 * way to give an endpoint constructor arguments: the container asks the configurator for an
 * instance instead of calling a no-argument constructor itself.
 *
 * <p>It also passes on the one thing per connection that the endpoint needs from outside the
 * specification: the connection's {@link LastHeard}, from the {@link LastHeardHandoff} into the
 * session's user properties. Tyrus 2.2 (like Tomcat and Jetty) hands {@code modifyHandshake} a copy of
 * the user properties per handshake and starts the session with that copy; the specification itself
 * does not say so, which makes this the usual, not the guaranteed, way to pass per-connection data.
 */
final class EchoEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private final Supplier<EchoEndpoint> newEndpoint;

    private final LastHeardHandoff handoff;

    EchoEndpointConfigurator(Supplier<EchoEndpoint> newEndpoint, LastHeardHandoff handoff) {
        this.newEndpoint = newEndpoint;
        this.handoff = handoff;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        LastHeard lastHeard = handoff.take(request.getHeaders());
        if (lastHeard != null) {
            config.getUserProperties().put(LastHeardHandoff.USER_PROPERTY, lastHeard);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != EchoEndpoint.class) {
            throw new InstantiationException("this configurator makes only echo endpoints, not " + endpointClass);
        }
        return endpointClass.cast(newEndpoint.get());
    }
}
