package dev.sanfi.sockets.jakarta;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's WebSocket engine as a Jakarta {@code ServerContainer}, without an HTTP server of its own:
 * {@link JakartaEchoServer} plugs it into a Grizzly server it builds itself. (Tyrus's {@code Server}
 * class would build that Grizzly server for us, but binds every interface and cannot bind port 0.)
 */
final class EchoServerContainer extends TyrusServerContainer {

    /** Endpoints are mounted at the root: the echo is at {@code /echo}, not under a context path. */
    static final String CONTEXT_PATH = "/";

    private final TyrusWebSocketEngine engine;
    private final Set<Extension> extensions;

    /**
     * @param incomingBufferSize how many bytes of one frame Tyrus buffers at most before it fails the
     *                           connection; Tyrus reads a whole frame before it looks at it
     * @param extensions         the extensions every endpoint deployed here may negotiate: Tyrus gives
     *                           an annotated endpoint the container's installed extensions
     */
    EchoServerContainer(int incomingBufferSize, Set<Extension> extensions) {
        super((Set<Class<?>>) null); // no classes scanned: the endpoint is registered explicitly
        this.extensions = Set.copyOf(extensions);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return extensions;
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
