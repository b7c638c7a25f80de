package dev.sanfi.sockets.exercises.ch5;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Chapter 5, exercise 2: subprotocol negotiation in the server's order of preference. The
 * specification's default {@code Configurator} takes the first subprotocol in the client's list
 * that the endpoint supports; this one takes the first in the endpoint's own list (its
 * {@code subprotocols}, newest first) that the client offered. RFC 6455 §4.2.2 (step 4,
 * /subprotocol/) lets the server pick any one of the values the client offered, or none.
 */
public final class ServerPreference extends ServerEndpointConfig.Configurator {

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return supported.stream()
                .filter(requested::contains)    // a case-sensitive match (RFC 7936 §2)
                .findFirst()
                .orElse("");                    // none: the 101 carries no Sec-WebSocket-Protocol
    }
}
