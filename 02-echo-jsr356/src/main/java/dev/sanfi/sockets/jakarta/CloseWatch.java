package dev.sanfi.sockets.jakarta;

/**
 * After the {@link FrameGuard} has failed a connection, follows the client's frames only as far as
 * to see its Close: RFC 6455 §7.1.1 has the server close TCP once both Close frames are through, and
 * waiting longer only keeps a dead connection. Payloads are skipped, not checked; a stream that makes
 * no sense any more never shows a Close, and the guard's linger timeout ends it instead.
 */
final class CloseWatch {

    private static final int CLOSE_OPCODE = 0x8;

    private final byte[] header = new byte[14];
    private int headerBytes;
    private long skip;

    /** @param skip what is left of the faulty frame, before the next frame's header */
    CloseWatch(long skip) {
        this.skip = skip;
    }

    /** Takes {@code bytes[from, to)}; true once a Close frame from the client has begun. */
    boolean closeSeen(FrameScanner.Bytes bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (skip > 0) {
                int n = (int) Math.min(skip, to - i);
                skip -= n;
                i += n;
                continue;
            }
            header[headerBytes++] = bytes.at(i++);
            if (headerBytes == 1 && (header[0] & 0x0f) == CLOSE_OPCODE) {
                return true;
            }
            if (headerBytes == FrameScanner.headerLength(header, headerBytes)) {
                skip = FrameScanner.payloadLength(header);
                headerBytes = 0;
            }
        }
        return false;
    }
}
