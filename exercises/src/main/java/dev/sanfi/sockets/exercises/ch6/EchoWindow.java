package dev.sanfi.sockets.exercises.ch6;

/**
 * Chapter 6, exercise 2: when to demand, for an echo that lets up to {@code size} echoes be on their
 * way at once instead of one. Pure: the endpoint reports each message received and each echo sent,
 * and demands when told to. At most one demand is ever outstanding: after a message, either the
 * window has room and the endpoint demands at once, or it is full and the next completed echo does.
 */
public final class EchoWindow {

    private final int size;
    private int inFlight;
    private int mostInFlight;
    private boolean full;

    public EchoWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a window holds at least one echo, not " + size);
        }
        this.size = size;
    }

    /** A message arrived and its echo is being sent: whether to demand the next frame now. */
    public synchronized boolean received() {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        if (inFlight < size) {
            return true;
        }
        full = true; // no demand outstanding: the next completed echo makes it
        return false;
    }

    /** An echo was written: whether to demand the next frame now. */
    public synchronized boolean sent() {
        inFlight--;
        if (full) {
            full = false;
            return true;
        }
        return false;
    }

    /** The most echoes that were on their way at once, so far. */
    public synchronized int mostInFlight() {
        return mostInFlight;
    }
}
