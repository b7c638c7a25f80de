package dev.sanfi.sockets.spring.guard;

import jakarta.websocket.Session;
import java.time.Duration;
import org.apache.tomcat.websocket.Constants;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Every Close this server sends gets time to be written. Tomcat writes a Close with any code but
 * 1000 — its answer to a client's 1001 or 4000, its 1009, its idle 1001 — with a timeout of 50 ms
 * ({@code ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT}), and when that is over it drops the connection
 * without the Close: on a busy machine the peer then sees the socket end with no Close at all
 * (RFC 6455 §5.5.1 wants the answer). One second, still bounded, so that a peer that does not read
 * cannot hold the thread that closes it for long.
 */
public final class CloseHandshake {

    /** How long a Close with a code other than 1000 may take to be written. */
    static final Duration CLOSE_SEND_TIMEOUT = Duration.ofSeconds(1);

    private CloseHandshake() {
    }

    /** The handler, whose sessions write their Close frames with {@link #CLOSE_SEND_TIMEOUT}. */
    public static WebSocketHandler patient(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                if (session instanceof NativeWebSocketSession nativeSession) {
                    nativeSession.getNativeSession(Session.class).getUserProperties()
                            .put(Constants.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT_PROPERTY, CLOSE_SEND_TIMEOUT.toMillis());
                }
                super.afterConnectionEstablished(session);
            }
        };
    }
}
