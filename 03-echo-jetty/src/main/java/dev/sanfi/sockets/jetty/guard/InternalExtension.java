package dev.sanfi.sockets.jetty.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Extension;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * How an extension of Jetty's core joins every connection without the client's say: its name starts
 * with {@code @} ("internal"), so it need not be offered and is not named in the 101. It is
 * registered with the server's WebSocket components before the server starts, and a decorated
 * creator adds it to the extensions of each upgrade it accepts. The guard's UTF-8 check and the
 * tuning's write batching and turns all join this way.
 */
public final class InternalExtension {

    private InternalExtension() {
    }

    /** Makes the extension {@code name} known to the server's WebSocket components; before it starts. */
    public static void register(Server server, String name, Class<? extends Extension> type) {
        WebSocketServerComponents.ensureWebSocketComponents(server).getExtensionRegistry().register(name, type);
    }

    /** The creator, with {@code extension} added to the extensions of every upgrade it accepts. */
    public static WebSocketCreator adding(WebSocketCreator creator, ExtensionConfig extension) {
        return adding(creator, extension, negotiated -> true);
    }

    /** The same, for the upgrades whose extensions so far satisfy {@code when}. */
    public static WebSocketCreator adding(WebSocketCreator creator, ExtensionConfig extension,
                                          Predicate<List<ExtensionConfig>> when) {
        return (request, response, callback) -> {
            Object endpoint = creator.createWebSocket(request, response, callback);
            if (endpoint != null && when.test(response.getExtensions())) {
                List<ExtensionConfig> extensions = new ArrayList<>(response.getExtensions());
                extensions.add(extension);
                response.setExtensions(extensions);
            }
            return endpoint;
        };
    }
}
