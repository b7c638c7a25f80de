package dev.sanfi.sockets.jetty.guard;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Fails a text message with 1007 as soon as invalid UTF-8 arrives, not only once the message is
 * complete: RFC 6455 §8.1 asks an endpoint to fail the connection when it meets invalid UTF-8, and
 * §5.6 lets a text message of any length arrive in fragments over any time.
 *
 * <p>Jetty's whole-message text sink decodes as fragments arrive but reports an invalid sequence
 * only at the last one. The check that fails fast is an extension of Jetty's core,
 * {@link Utf8CheckExtension}, run on every incoming frame; an internal extension (its name starts
 * with {@code @}) need not be offered by the client and is not named in the 101. With
 * {@code autoFragment} on, even a large frame is checked piece by piece as it arrives.
 */
public final class Utf8FailFast {

    private static final ExtensionConfig CHECK = ExtensionConfig.parse(Utf8CheckExtension.NAME);

    private Utf8FailFast() {
    }

    /** Makes {@code @utf8-fail-fast} known to the server's WebSocket components; before it starts. */
    public static void register(Server server) {
        InternalExtension.register(server, Utf8CheckExtension.NAME, Utf8CheckExtension.class);
    }

    /** The creator, with the UTF-8 check added to the extensions of every upgrade it accepts. */
    public static WebSocketCreator on(WebSocketCreator creator) {
        return InternalExtension.adding(creator, CHECK);
    }
}
