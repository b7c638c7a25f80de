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
 * @param tls              the server's certificate and key for {@code wss://} and {@code https://};
 *                         {@code null} serves plain {@code ws://} and {@code http://}
 * @param deflate          whether the server accepts the permessage-deflate extension (RFC 7692)
 *                         when a client offers it; off by default so the first chapters show plain bytes
 */
public record ServerSettings(
        String host,
        int port,
        int maxMessageBytes,
        Duration pingInterval,
        Duration idleTimeout,
        Duration handshakeTimeout,
        OriginPolicy originPolicy,
        javax.net.ssl.SSLContext tls,
        boolean deflate) {

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
                Limits.IDLE_TIMEOUT, Limits.HANDSHAKE_TIMEOUT, OriginPolicy.sameOrigin(), null, false);
    }

    /** Settings without TLS or compression, as most tests and the first chapters use them. */
    public ServerSettings(String host, int port, int maxMessageBytes, Duration pingInterval, Duration idleTimeout,
                          Duration handshakeTimeout, OriginPolicy originPolicy) {
        this(host, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy, null, false);
    }

    /** Whether the server speaks TLS: {@code wss://} and {@code https://}. */
    public boolean secure() {
        return tls != null;
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy,
                tls, deflate);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy,
                tls, deflate);
    }

    public ServerSettings withMaxMessageBytes(int newMax) {
        return new ServerSettings(host, port, newMax, pingInterval, idleTimeout, handshakeTimeout, originPolicy,
                tls, deflate);
    }

    public ServerSettings withPingInterval(Duration newInterval) {
        return new ServerSettings(host, port, maxMessageBytes, newInterval, idleTimeout, handshakeTimeout, originPolicy,
                tls, deflate);
    }

    public ServerSettings withIdleTimeout(Duration newTimeout) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, newTimeout, handshakeTimeout, originPolicy,
                tls, deflate);
    }

    public ServerSettings withHandshakeTimeout(Duration newTimeout) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, idleTimeout, newTimeout, originPolicy,
                tls, deflate);
    }

    public ServerSettings withOriginPolicy(OriginPolicy newPolicy) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, newPolicy,
                tls, deflate);
    }

    public ServerSettings withTls(javax.net.ssl.SSLContext newTls) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy,
                newTls, deflate);
    }

    public ServerSettings withDeflate(boolean newDeflate) {
        return new ServerSettings(host, port, maxMessageBytes, pingInterval, idleTimeout, handshakeTimeout, originPolicy,
                tls, newDeflate);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
