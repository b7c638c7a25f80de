package dev.sanfi.sockets.common;

import java.time.Duration;
import java.util.Objects;

/**
 * How an echo server is started: where it listens, its limits and timers, and its origin policy.
 * The command line builds one from its options; tests build one with short timers.
 *
 * @param host             the address to bind ({@code localhost} unless exposed on purpose)
 * @param port             the port to bind; 0 takes a free one
 * @param maxMessageBytes  larger messages are refused with close 1009
 * @param pingInterval     a connection silent for this long is pinged
 * @param idleTimeout      a connection that sent no frame for this long is closed with 1001
 * @param handshakeTimeout the upgrade request must be complete within this
 * @param originPolicy     which browser pages may connect
 */
public record ServerSettings(
        String host,
        int port,
        int maxMessageBytes,
        Duration pingInterval,
        Duration idleTimeout,
        Duration handshakeTimeout,
        OriginPolicy originPolicy) {

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(originPolicy, "originPolicy");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        requirePositive(pingInterval, "pingInterval");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
    }

    /** The defaults of {@link Limits} on {@code localhost} and the given port, same-origin only. */
    public static ServerSettings defaults(int port) {
        return new ServerSettings("localhost", port, Limits.MAX_MESSAGE_BYTES, Limits.PING_INTERVAL,
                Limits.IDLE_TIMEOUT, Limits.HANDSHAKE_TIMEOUT, OriginPolicy.sameOrigin());
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy);
    }

    public ServerSettings withMaxMessageBytes(int newMax) {
        return new ServerSettings(host, port, newMax, pingInterval, idleTimeout, handshakeTimeout, originPolicy);
    }

    public ServerSettings withPingInterval(Duration newInterval) {
        return new ServerSettings(host, port, maxMessageBytes, newInterval, idleTimeout, handshakeTimeout, originPolicy);
    }

    public ServerSettings withIdleTimeout(Duration newTimeout) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, newTimeout, handshakeTimeout, originPolicy);
    }

    public ServerSettings withHandshakeTimeout(Duration newTimeout) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, idleTimeout, newTimeout, originPolicy);
    }

    public ServerSettings withOriginPolicy(OriginPolicy newPolicy) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, newPolicy);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
