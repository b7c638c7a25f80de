package dev.sanfi.sockets.jetty.guard;

import dev.sanfi.sockets.common.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Pings a peer that has sent nothing for the ping interval, and closes with 1001 a peer that has
 * sent no frame at all for the idle timeout (contract §2; RFC 6455 §5.5.2 lets either side ping).
 *
 * <p>Jetty pings nobody, and its own idle timeout counts bytes in both directions, so the server's
 * own Pings would keep a dead peer "busy" forever. And the listener API does not show every frame:
 * a message still arriving in fragments reaches a whole-message endpoint only at its end, and an
 * empty fragment that is not the last reaches no endpoint at all. So this class reads the count of
 * frames Jetty's connection has parsed ({@code WebSocketConnection.getMessagesIn()}, every frame,
 * control frames too), and the endpoint does not know it exists.
 *
 * <p>A {@link WebSocketSessionListener} on the container: Jetty tells it of every session opened
 * and closed. One task per session on Jetty's {@link Scheduler}, re-armed by {@link PeerSilence}.
 */
public final class Keepalive implements WebSocketSessionListener {

    /** RFC 6455 §5.5.2: a Ping may carry application data; ours names what it is, for tcpdump readers. */
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap("keepalive".getBytes(StandardCharsets.US_ASCII));

    private final Scheduler scheduler;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Map<Session, Watch> watches = new ConcurrentHashMap<>();

    public Keepalive(Scheduler scheduler, Duration pingInterval, Duration idleTimeout) {
        this.scheduler = scheduler;
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void onWebSocketSessionOpened(Session session) {
        Watch watch = new Watch(session, framesReceived(session));
        watches.put(session, watch);
        watch.next();
    }

    @Override
    public void onWebSocketSessionClosed(Session session) {
        Watch watch = watches.remove(session);
        if (watch != null) {
            watch.stop();
        }
    }

    /** The number of frames the session's connection has parsed so far. */
    private static LongSupplier framesReceived(Session session) {
        if (session instanceof WebSocketSession jetty && jetty.getCoreSession() instanceof WebSocketCoreSession core) {
            return () -> core.getConnection().getMessagesIn();
        }
        throw new IllegalStateException("not a session of Jetty's server: " + session.getClass().getName());
    }

    /** The keepalive of one session. */
    private final class Watch implements Runnable {
        private final Session session;
        private final LongSupplier frames;
        private final PeerSilence silence;
        private Scheduler.Task task;
        private boolean stopped;

        Watch(Session session, LongSupplier frames) {
            this.session = session;
            this.frames = frames;
            this.silence = new PeerSilence(pingInterval, idleTimeout, frames.getAsLong(), System.nanoTime());
        }

        @Override
        public void run() {
            if (!session.isOpen()) {
                return;
            }
            switch (silence.look(frames.getAsLong(), System.nanoTime())) {
                case CLOSE -> {
                    // 1001: the code of a server dropping a peer (a convention, see CloseCodes.GOING_AWAY).
                    session.close(CloseCodes.GOING_AWAY, "idle timeout", Callback.NOOP);
                    return;
                }
                case PING -> session.sendPing(PING_PAYLOAD.slice(), Callback.NOOP);
                case WAIT -> { }
            }
            next();
        }

        synchronized void next() {
            if (!stopped) {
                task = scheduler.schedule(this, silence.nanosToNextLook(System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }

        synchronized void stop() {
            stopped = true;
            if (task != null) {
                task.cancel();
            }
        }
    }
}
