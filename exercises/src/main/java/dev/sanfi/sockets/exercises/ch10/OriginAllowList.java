package dev.sanfi.sockets.exercises.ch10;

import dev.sanfi.sockets.common.OriginPolicy;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Chapter 10, exercise 2: an Origin allow-list with the one hook the Jakarta API has,
 * {@code Configurator.checkOrigin}; the container answers {@code false} with 403 (RFC 6455 §10.2).
 * The rule is common's {@link OriginPolicy}, so it is the same as every server's — except that the
 * hook is handed the Origin header alone, never the Host, so the "own page" rule cannot apply here:
 * the server's own page must be on the list like any other.
 */
public final class OriginAllowList extends ServerEndpointConfig.Configurator {

    /** The pages that may connect. A Configurator named in an annotation has no constructor arguments. */
    static final OriginPolicy ALLOWED = OriginPolicy.allowing(List.of("https://app.example", "http://localhost:8082"));

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return ALLOWED.allows(originHeaderValue, null); // no Host to compare with: the list decides
    }
}
