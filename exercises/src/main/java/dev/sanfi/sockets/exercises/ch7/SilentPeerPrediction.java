package dev.sanfi.sockets.exercises.ch7;

import java.util.List;

/**
 * Chapter 7, exercise 3: what 04-echo-netty's keepalive does with {@code --ping-interval 3
 * --idle-timeout 10}, predicted. The timers are an {@code IdleStateHandler} with READER_IDLE after
 * the idle timeout and ALL_IDLE after the ping interval; the server's own Ping is a write.
 */
public final class SilentPeerPrediction {

    /** A peer that sends nothing: the seconds at which it gets a Ping. ALL_IDLE starts again at each of our Pings. */
    public static final List<Integer> SILENT_PEER_PINGS = List.of(3, 6, 9);

    /** ... and the second of its Close 1001: READER_IDLE, which our writes do not reset. */
    public static final int SILENT_PEER_CLOSE = 10;

    /** A peer that answers every Ping with a Pong at once: a Ping every 3 s, for as long as it answers. */
    public static final int ANSWERING_PEER_PING_EVERY = 3;

    /** ... and it is never closed: each Pong is a read, and resets both timers. */
    public static final boolean ANSWERING_PEER_CLOSED = false;

    private SilentPeerPrediction() {
    }
}
