package dev.sanfi.sockets.chat;

import java.time.Duration;

/**
 * The chat's own limits, on top of the echo servers' {@link dev.sanfi.sockets.common.Limits}.
 *
 * <p>A broadcast server multiplies whatever one member does by the number of members, so every
 * input a member controls (how often, how much, how slowly it reads) has a bound here.
 */
public final class ChatLimits {

    /** How many message events a new member receives in its welcome. */
    public static final int HISTORY_SIZE = 50;

    /**
     * How many events (joined, left, message) the room keeps for members that come back
     * ({@code since=SEQ}); one that missed more is told so with {@code "gap": true}.
     */
    public static final int RESUME_EVENTS = 1_000;

    /**
     * The most a returning member's welcome history may take as JSON. A thousand messages of
     * 2,000 characters could take 8 MB and more, far past {@link #MAX_UNSENT_BYTES}: the welcome
     * would get its own member dropped as too slow. The newest events that fit are sent, with a gap.
     */
    public static final int RESUME_BYTES = 512 * 1024;

    /**
     * The close code for a connection whose member came back on another connection with its token
     * (reason {@code replaced}). RFC 6455 §7.4.2 leaves 4000–4999 to applications; a client that
     * sees it must not reconnect, or two tabs of one member would take the name from each other
     * forever.
     */
    public static final int CLOSE_REPLACED = 4000;

    /** A message's text must be 1 to this many characters (Unicode code points). */
    public static final int MAX_TEXT_CHARS = 2_000;

    /** A member may send this many messages a second on average... */
    public static final int MESSAGES_PER_SECOND = 20;

    /** ...and this many at once after a pause (the token bucket's size). */
    public static final int MESSAGE_BURST = 40;

    /**
     * Bytes queued for one member that its socket has not taken yet. Java-WebSocket queues without
     * bound, so a member that stops reading would make the server buffer every later event for it;
     * past this bound the member is disconnected instead (Close 1008 "too slow").
     */
    public static final int MAX_UNSENT_BYTES = 1024 * 1024;

    /**
     * After a too-slow member has been sent its Close frame, how long it has to read its way to it
     * before the socket is closed under it. A member that does not read at all never gets there.
     */
    public static final Duration SLOW_MEMBER_CLOSE_GRACE = Duration.ofSeconds(2);

    /**
     * Connections the kernel may hold for the chat before it accepts them (the listen backlog).
     * Java-WebSocket binds with the JDK's default of 50; a burst of connections beyond that has its
     * SYNs dropped, and each client waits out TCP's retransmission timer (1 s, then 2 s, 4 s, ...):
     * 2,000 connections at once took 37 s. The kernel caps the value at {@code net.core.somaxconn}.
     */
    public static final int ACCEPT_BACKLOG = 4096;

    /**
     * After the server's Close frame is written, how long the client has to answer with its own
     * Close (or end its stream) before TCP is closed anyway (RFC 6455 §7.1.1).
     */
    public static final Duration CLOSE_LINGER = Duration.ofSeconds(2);

    private ChatLimits() {
    }
}
