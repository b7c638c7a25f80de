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
 * @param pingInterval      Java-WebSocket's lost-connection timer: ping this often, drop after 1.5× without a pong
 * @param messagesPerSecond each member's message rate...
 * @param messageBurst      ...and burst
 * @param originPolicy      which other pages may connect besides the chat's own page
 */
public record ChatSettings(
        String host,
        int pagePort,
        int wsPort,
        int maxFrameBytes,
        int maxUnsentBytes,
        Duration pingInterval,
        int messagesPerSecond,
        int messageBurst,
        OriginPolicy originPolicy) {

    public static final int DEFAULT_PAGE_PORT = 8085;

    public ChatSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(originPolicy, "originPolicy");
        requirePort(pagePort, "pagePort");
        requirePort(wsPort, "wsPort");
        if (maxFrameBytes < 1 || maxUnsentBytes < 1 || messagesPerSecond < 1 || messageBurst < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (pingInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("pingInterval must be at least 1 second (the library counts in seconds)");
        }
    }

    /** The defaults of {@link Limits} and {@link ChatLimits} on {@code localhost}, same-origin only. */
    public static ChatSettings defaults(int pagePort, int wsPort) {
        return new ChatSettings("localhost", pagePort, wsPort, Limits.MAX_MESSAGE_BYTES, ChatLimits.MAX_UNSENT_BYTES,
                Limits.PING_INTERVAL, ChatLimits.MESSAGES_PER_SECOND, ChatLimits.MESSAGE_BURST, OriginPolicy.sameOrigin());
    }

    public ChatSettings withHost(String newHost) {
        return new ChatSettings(newHost, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval,
                messagesPerSecond, messageBurst, originPolicy);
    }

    public ChatSettings withMaxUnsentBytes(int newMax) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, newMax, pingInterval,
                messagesPerSecond, messageBurst, originPolicy);
    }

    public ChatSettings withRate(int newPerSecond, int newBurst) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval,
                newPerSecond, newBurst, originPolicy);
    }

    public ChatSettings withOriginPolicy(OriginPolicy newPolicy) {
        return new ChatSettings(host, pagePort, wsPort, maxFrameBytes, maxUnsentBytes, pingInterval,
                messagesPerSecond, messageBurst, newPolicy);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
        }
    }
}
