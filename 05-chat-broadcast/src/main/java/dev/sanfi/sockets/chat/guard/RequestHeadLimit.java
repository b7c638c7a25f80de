package dev.sanfi.sockets.chat.guard;

import java.nio.ByteBuffer;

/**
 * The opening handshake's request head (RFC 6455 §4.1, §4.2.1: an HTTP/1.1 request line and header
 * fields, ended by an empty line) may be at most a fixed number of bytes; past that the server answers
 * 431 Request Header Fields Too Large (RFC 6585 §5) instead of reading on.
 *
 * <p>Java-WebSocket keeps every byte of an unfinished head and parses it again from the start on each
 * read, so without this bound one request with a 1 MiB header line costs hundreds of MiB. Pure: bytes
 * in, a decision out; not thread-safe (one connection's reads come from one thread at a time).
 */
public final class RequestHeadLimit {

    /** Where the head stands after the bytes fed so far. */
    public enum State { INCOMPLETE, COMPLETE, TOO_LARGE }

    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    private final int maxBytes;
    private long seen;
    private int matched;
    private State state = State.INCOMPLETE;

    public RequestHeadLimit(int maxBytes) {
        if (maxBytes < END.length) {
            throw new IllegalArgumentException("maxBytes must be at least 4, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads bytes of the head from the buffer's position and leaves the position right after the
     * empty line that ends it (what follows is frames), or at the limit when the head goes on.
     */
    public State feed(ByteBuffer bytes) {
        while (state == State.INCOMPLETE && bytes.hasRemaining()) {
            byte b = bytes.get();
            seen++;
            matched = b == END[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == END.length) {
                state = State.COMPLETE;
            } else if (seen >= maxBytes) {
                state = State.TOO_LARGE; // the limit is reached and the head has not ended
            }
        }
        return state;
    }

    public State state() {
        return state;
    }
}
