package dev.sanfi.sockets.jetty.guard;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Fails a text message with 1007 as soon as invalid UTF-8 arrives, not only once the message is
 * complete: RFC 6455 §8.1 asks an endpoint to fail the connection when it meets invalid UTF-8, and
 * §5.6 lets a text message of any length arrive in fragments over any time.
 *
 * <p>Jetty's whole-message text sink decodes as fragments arrive but reports an invalid sequence
 * only at the last one. Jetty's core has the check that fails fast, as an <em>internal</em>
 * extension: {@code @validation} with {@code incoming-utf8} checks each incoming text frame as it
 * comes, carrying a code point split across frames over to the next. An internal extension (its
 * name starts with {@code @}) need not be offered by the client and is not named in the 101.
 * With {@code autoFragment} on, even a large frame is checked piece by piece as it arrives.
 */
public final class Utf8FailFast {

    private static final ExtensionConfig VALIDATION = ExtensionConfig.parse("@validation;incoming-utf8");

    private Utf8FailFast() {
    }

    /** The creator, with the UTF-8 check added to the extensions of every upgrade it accepts. */
    public static WebSocketCreator on(WebSocketCreator creator) {
        return (request, response, callback) -> {
            Object endpoint = creator.createWebSocket(request, response, callback);
            if (endpoint != null) {
                List<ExtensionConfig> extensions = new ArrayList<>(response.getExtensions());
                extensions.add(VALIDATION);
                response.setExtensions(extensions);
            }
            return endpoint;
        };
    }
}
