package dev.sanfi.sockets.exercises.ch10b;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.chat.MemberName;
import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.AuthGate;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.FirstMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Chapter 10b, exercise 3: an echo on Java-WebSocket that lets a connection in with the chat's
 * first message and tokens ({@link AuthGate}), keeps it only until its token expires
 * ({@link TokenExpiry}), and takes a fresh token for the same name while connected: any later
 * {@code {"type":"auth","token":...}} message is a renewal, not something to echo.
 */
public final class ExpiringEcho extends WebSocketServer {

    private final AccessTokens tokens;
    private final AuthGate<WebSocket> gate;
    private final TokenExpiry<WebSocket> expiry;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    /** @param clock the clock of {@code authentication}'s tokens */
    public ExpiringEcho(InetSocketAddress address, Authentication authentication, Clock clock, ScheduledExecutorService timers) {
        super(address);
        this.tokens = authentication.tokens();
        this.gate = new AuthGate<>(authentication, timers, ExpiringEcho::refuse);
        this.expiry = new TokenExpiry<>(clock, timers, ExpiringEcho::refuse);
        setReuseAddr(true);
    }

    /** Starts, and returns once the port is bound. */
    public ExpiringEcho started() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the echo did not start within 10 s");
        }
        if (startFailure != null) {
            throw new IllegalStateException("the echo did not start: " + startFailure.getMessage(), startFailure);
        }
        return this;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        gate.opened(connection, null);
    }

    @Override
    public void onMessage(WebSocket connection, String text) {
        if (gate.isWaiting(connection)) {
            first(connection, text);
            return;
        }
        MemberName member = connection.getAttachment();
        if (member != null && isAuth(text)) {
            authenticate(connection, member, text);
        } else if (member != null) {
            connection.send(text);
        }
    }

    /** The first message (null for a binary one), as the chat takes it. */
    private void first(WebSocket connection, String text) {
        FirstMessage.Admission admission = gate.firstMessage(connection, text).orElse(null); // null: the deadline came first
        if (admission instanceof FirstMessage.Admission.Admitted admitted) {
            authenticate(connection, admitted.name(), text);
        } else if (admission instanceof FirstMessage.Admission.Refused refused) {
            refuse(connection, refused.reason());
        }
    }

    /** The gate said who; the token, checked again, says until when. A renewal must be for the same member. */
    private void authenticate(WebSocket connection, MemberName member, String authMessage) {
        AccessTokens.Check check = tokens.check(ChatCodec.parse(authMessage).path("token").textValue());
        if (check instanceof AccessTokens.Check.Refused refused) {
            refuse(connection, refused.reason());
        } else if (check instanceof AccessTokens.Check.Valid valid && !valid.name().equals(member)) {
            refuse(connection, "the token is for " + valid.name() + ", not for " + member);
        } else if (check instanceof AccessTokens.Check.Valid valid) {
            connection.setAttachment(member);
            expiry.until(connection, valid.expires());
        }
    }

    private static boolean isAuth(String text) {
        try {
            JsonNode message = ChatCodec.parse(text);
            return message != null && message.path("type").asText().equals("auth");
        } catch (IllegalArgumentException e) {
            return false; // not JSON: a message to echo
        }
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer data) {
        if (gate.isWaiting(connection)) {
            first(connection, null);
        } else if (connection.getAttachment() != null) {
            connection.send(data);
        }
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        gate.closed(connection);
        expiry.closed(connection);
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
        if (connection == null) { // the server itself: it could not bind, or its selector failed
            startFailure = error;
            started.countDown();
        }
    }

    private static void refuse(WebSocket connection, String reason) {
        connection.close(CloseFrame.POLICY_VALIDATION, reason);
    }
}
