package dev.sanfi.sockets.raw.io;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.protocol.CloseState;
import dev.sanfi.sockets.raw.protocol.Connection;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The timers of one connection, which the pure core does not have: a shell keeps the time and asks
 * the core what it waits for. While the core is {@link CloseState#OPEN}, the {@link Keepalive}
 * (ping, then the idle close); once it {@linkplain Connection#expectsPeerToCloseTcp() expects the
 * peer to close TCP}, the closing deadline. Both shells use this class, with times from
 * {@link System#nanoTime()} that they pass in; it reads no clock itself.
 *
 * <p>Not thread-safe: guarded like the core it watches.
 */
public final class ConnectionTimers {

    /** After our Close, the peer has this long to answer it and hang up before we drop the connection. */
    public static final Duration CLOSING_TIMEOUT = Limits.SHUTDOWN_GRACE;

    /** Null for a client: it has no keepalive. */
    private final Keepalive keepalive;
    private long lastHeard;
    private boolean pingSent;
    private boolean closing;
    private long closingDeadline;

    /**
     * @param keepalive the server's keepalive, or null for none (a client)
     * @param now       {@link System#nanoTime()} when the connection opened: the peer was just heard
     */
    public ConnectionTimers(Keepalive keepalive, long now) {
        this.keepalive = keepalive;
        this.lastHeard = now;
    }

    /** Bytes arrived: any frame counts as life (contract §2), so the keepalive starts again. */
    public void heard(long now) {
        lastHeard = now;
        pingSent = false;
    }

    /**
     * Call after every call on the core: the first time the core expects the peer to close TCP, the
     * closing deadline starts.
     */
    public void observe(Connection core, long now) {
        if (!closing && core.expectsPeerToCloseTcp()) {
            closing = true;
            closingDeadline = now + CLOSING_TIMEOUT.toNanos();
        }
    }

    /** When {@link #onDue} should run next, as a {@link System#nanoTime()} value; empty when nothing is due ever. */
    public OptionalLong nextDeadline(Connection core) {
        if (closing) {
            return core.state() == CloseState.CLOSED ? OptionalLong.empty() : OptionalLong.of(closingDeadline);
        }
        if (core.state() != CloseState.OPEN || keepalive == null) {
            return OptionalLong.empty();
        }
        Duration wait = pingSent ? keepalive.idleTimeout() : min(keepalive.pingInterval(), keepalive.idleTimeout());
        return OptionalLong.of(lastHeard + wait.toNanos());
    }

    /**
     * A timer may be due. A peer silent for the ping interval gets a Ping (§5.5.2); one silent for
     * the idle timeout gets Close 1001; a peer that has not closed TCP by the closing deadline is
     * dropped. Early calls do nothing.
     *
     * @return false when the shell must drop the connection now
     */
    public boolean onDue(Connection core, long now) {
        if (closing) {
            return now - closingDeadline < 0;
        }
        if (core.state() != CloseState.OPEN || keepalive == null) {
            return true;
        }
        long silent = now - lastHeard;
        if (silent >= keepalive.idleTimeout().toNanos()) {
            core.close(CloseCode.GOING_AWAY.code(), "idle for " + keepalive.idleTimeout().toSeconds() + " s");
        } else if (!pingSent && silent >= keepalive.pingInterval().toNanos()) {
            core.send(Opcode.PING, new byte[0]);
            pingSent = true;
        }
        observe(core, now);
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
