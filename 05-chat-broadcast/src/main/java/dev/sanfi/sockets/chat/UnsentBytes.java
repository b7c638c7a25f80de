package dev.sanfi.sockets.chat;

import java.util.ArrayDeque;

/**
 * How many bytes Java-WebSocket still holds for one member: what we queued on its connection that
 * the socket has not taken yet.
 *
 * <p>The library has no "buffered amount" (the browser's {@code WebSocket.bufferedAmount}). What it
 * has is the connection's {@code outQueue}: a queue of framed buffers that its selector thread
 * drains, oldest first, when the socket can take more. Summing that queue's bytes after every
 * message is correct but slow: with a thousand members and a backlog, each broadcast walks a
 * thousand long queues, every broadcast gets slower than the last, and the server collapses just
 * when it is busiest (measured in bench: from 200,000 deliveries/s to a few thousand).
 *
 * <p>So each member gets one of these, which remembers the size of every frame we queued, oldest
 * first. The queue's length, which costs nothing to ask, then says how many of them are still
 * there: the frames the socket took are the oldest ones. The few frames the library queues itself
 * (Pings, Pongs) make the estimate a little high, never low. Not thread-safe: the chat uses it
 * under the room's lock.
 */
final class UnsentBytes {

    private final ArrayDeque<Integer> queuedFrames = new ArrayDeque<>();
    private long unsent;

    /** We queued a frame of this many bytes on the member's connection. */
    void queued(int frameBytes) {
        queuedFrames.addLast(frameBytes);
        unsent += frameBytes;
    }

    /**
     * The bytes not yet sent, given how many frames the connection's queue holds now; each call is
     * O(1) on average, as every frame is forgotten once.
     */
    long unsent(int framesInQueue) {
        while (queuedFrames.size() > framesInQueue) {
            unsent -= queuedFrames.removeFirst();
        }
        return unsent;
    }
}
