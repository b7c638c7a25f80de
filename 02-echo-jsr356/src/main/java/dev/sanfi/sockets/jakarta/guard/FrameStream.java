package dev.sanfi.sockets.jakarta.guard;

import java.nio.ByteBuffer;

/**
 * The checks of one client's byte stream after its upgrade, as {@link FrameCheckFilter} runs them:
 * {@link FrameCheck} for plain RFC 6455, {@link InflatingFrameCheck} once permessage-deflate is on.
 */
interface FrameStream {

    /** Checks the next bytes of the stream, from {@code bytes}' position to its limit (the position moves). */
    FrameCheck.Verdict check(ByteBuffer bytes);

    /** Whether the client's Close had no body (RFC 6455 §5.5.1: the body is optional). */
    boolean emptyCloseSeen();

    /** The connection is gone: free what the checks hold. */
    default void end() {
    }
}
