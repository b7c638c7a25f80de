package dev.sanfi.sockets.jakarta;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.function.Supplier;

/**
 * Hands the container a new {@link EchoEndpoint} for each connection. This is the specification's
 * way to give an endpoint constructor arguments: the container asks the configurator for an
 * instance instead of calling a no-argument constructor itself.
 */
final class EchoEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private final Supplier<EchoEndpoint> newEndpoint;

    EchoEndpointConfigurator(Supplier<EchoEndpoint> newEndpoint) {
        this.newEndpoint = newEndpoint;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != EchoEndpoint.class) {
            throw new InstantiationException("this configurator makes only echo endpoints, not " + endpointClass);
        }
        return endpointClass.cast(newEndpoint.get());
    }
}
