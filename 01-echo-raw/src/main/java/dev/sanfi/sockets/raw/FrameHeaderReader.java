package dev.sanfi.sockets.raw;

import java.nio.ByteBuffer;

/**
 * Reads {@link FrameHeader}s from a stream that arrives in pieces: a header may be split over two
 * reads (or fourteen), so the bytes of an unfinished header are kept here until the rest arrives.
 * Never consumes a byte past a header, so the caller finds the payload where the header ends.
 */
public final class FrameHeaderReader {

    private final byte[] partial = new byte[FrameHeader.MAX_SIZE];
    private int partialCount;

    /**
     * Consumes bytes from {@code in} until a header is complete.
     *
     * @return the header, or {@code null} when every byte of {@code in} is consumed and more are needed
     * @throws ProtocolException as {@link FrameHeader#parse} does; the reader is unusable afterwards
     */
    public FrameHeader read(ByteBuffer in) throws ProtocolException {
        if (partialCount == 0) {
            FrameHeader header = FrameHeader.parse(in);   // the usual case: the whole header in one read
            if (header != null) {
                return header;
            }
        }
        int take = Math.min(in.remaining(), partial.length - partialCount);
        in.get(partial, partialCount, take);
        partialCount += take;
        FrameHeader header = FrameHeader.parse(ByteBuffer.wrap(partial, 0, partialCount));
        if (header == null) {
            return null;
        }
        in.position(in.position() - (partialCount - header.size()));   // give back what follows the header
        partialCount = 0;
        return header;
    }
}
