package dev.sanfi.sockets.chat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.OriginPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How a chat server is started. The command line builds one from its options; tests build one on
 * port 0 with smaller bounds.
 *
 * @param host              the address both servers bind ({@code localhost} unless exposed on purpose)
 * @param pagePort          the page's HTTP port; 0 takes a free one
 * @param wsPort            the chat's WebSocket port; 0 takes a free one
 * @param maxFrameBytes     a larger frame (or reassembled message) is refused with close 1009
 * @param maxUnsentBytes    a member with more bytes than this waiting to be sent is dropped as too slow
 * @param pingInterval      a member silent this long (no frame at all) is pinged
 * @param idleTimeout       a member silent this long gets Close 1001
 * @param handshakeTimeout  the upgrade request's head must be complete within this
 * @param messagesPerSecond each member's message rate...
 * @param messageBurst      ...and burst
 * @param originPolicy      which other pages may connect besides the chat's own page
 * @param tls               the certificate and key for {@code https://} (the page) and {@code wss://} (the
 *                          chat); {@code null} serves plain {@code http://} and {@code ws://}
 * @param deflate           whether the chat accepts permessage-deflate (RFC 7692) when a member offers it
 */
public record ChatSettings(
        String host,
        int pagePort,
        int wsPort,
        int maxFrameBytes,
        int maxUnsentBytes,
        Duration pingInterval,
        Duration idleTimeout,
        Duration handshakeTimeout,
        int messagesPerSecond,
        int messageBurst,
        OriginPolicy originPolicy,
        javax.net.ssl.SSLContext tls,
        boolean deflate) {

    public static final int DEFAULT_PAGE_PORT = 8085;

    public ChatSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(originPolicy, "originPolicy");
        requirePort(pagePort, "pagePort");
        requirePort(wsPort, "wsPort");
        if (maxFrameBytes < 1 || maxUnsentBytes < 1 || messagesPerSecond < 1 || messageBurst < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (pingInterval.isNegative() || pingInterval.isZero() || pingInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("pingInterval must be positive and shorter than idleTimeout, were "
                    + pingInterval + " and " + idleTimeout);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, was " + handshakeTimeout);
        }
    }

    /**
     * The defaults of {@link Limits} and {@link ChatLimits} on {@code localhost}, same-origin only,
     * plain {@code ws://}, no compression (chapter 8 says why it is off here too).
     */
    public static ChatSettings defaults(int pagePort, int wsPort) {
        return new ChatSettings("localhost", pagePort, wsPort, Limits.MAX_MESSAGE_BYTES, ChatLimits.MAX_UNSENT_BYTES,
                Limits.PING_INTERVAL, Limits.IDLE_TIMEOUT, Limits.HANDSHAKE_TIMEOUT, ChatLimits.MESSAGES_PER_SECOND, ChatLimits.MESSAGE_BURST, OriginPolicy.sameOrigin(),
                null, false);
    }

    /** Whether the chat speaks TLS: {@code https://} for the page, {@code wss://} for the chat. */
    public boolean secure() {
        return tls != null;
    }

    public ChatSettings withTls(javax.net.ssl.SSLContext newTls) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval, idleTimeout, handshakeTimeout,
                messagesPerSecond, messageBurst, originPolicy, newTls, deflate);
    }

    public ChatSettings withDeflate(boolean newDeflate) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval, idleTimeout, handshakeTimeout,
                messagesPerSecond, messageBurst, originPolicy, tls, newDeflate);
    }

    public ChatSettings withHost(String newHost) {
        return new ChatSettings(newHost, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval, idleTimeout, handshakeTimeout,
                messagesPerSecond, messageBurst, originPolicy, tls, deflate);
    }

    public ChatSettings withMaxUnsentBytes(int newMax) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, newMax, pingInterval, idleTimeout, handshakeTimeout,
                messagesPerSecond, messageBurst, originPolicy, tls, deflate);
    }

    public ChatSettings withRate(int newPerSecond, int newBurst) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval, idleTimeout, handshakeTimeout,
                newPerSecond, newBurst, originPolicy, tls, deflate);
    }

    public ChatSettings withOriginPolicy(OriginPolicy newPolicy) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval, idleTimeout, handshakeTimeout,
                messagesPerSecond, messageBurst, newPolicy, tls, deflate);
    }

    /** Shorter timers, for tests: ping after {@code newPing} of silence, Close 1001 after {@code newIdle}. */
    public ChatSettings withTimers(Duration newPing, Duration newIdle) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, newPing, newIdle, handshakeTimeout,
                messagesPerSecond, messageBurst, originPolicy, tls, deflate);
    }

    public ChatSettings withHandshakeTimeout(Duration newTimeout) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval, idleTimeout, newTimeout,
                messagesPerSecond, messageBurst, originPolicy, tls, deflate);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
        }
    }
}
