package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.OriginPolicy;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Decides each upgrade to {@code /echo} and makes its endpoint: the last word before the 101.
 *
 * <p>Returning null refuses the upgrade; the creator must then complete the callback itself, here by
 * writing the refusal.
 */
final class EchoCreator implements WebSocketCreator {

    private final OriginPolicy originPolicy;
    private final Function<Session, Heartbeat> heartbeats;
    private final OpenSessions sessions;
    private final int maxMessageBytes;

    EchoCreator(OriginPolicy originPolicy, Function<Session, Heartbeat> heartbeats, OpenSessions sessions,
            int maxMessageBytes) {
        this.originPolicy = originPolicy;
        this.heartbeats = heartbeats;
        this.sessions = sessions;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!originPolicy.allows(origin, host)) {
            // RFC 6455 §4.2.2 / §10.2: a server that does not accept this Origin answers 403.
            PlainTextResponse.send(response, callback, HttpStatus.FORBIDDEN_403,
                    "403 Forbidden: origin '" + origin + "' may not open a WebSocket here");
            return null;
        }
        if (!sessions.upgradeAccepted()) {
            PlainTextResponse.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "503 Service Unavailable: the server is shutting down");
            return null;
        }
        // Jetty would accept permessage-deflate (RFC 7692) when offered; this module speaks plain
        // RFC 6455 like the other echo servers, so that their wire traffic can be compared.
        response.setExtensions(List.of());
        return new EchoEndpoint(heartbeats, sessions, maxMessageBytes);
    }
}
