package dev.sanfi.sockets.raw;

/**
 * One frame as the {@link FrameParser} hands it out: unmasked, its header reduced to what matters
 * once parsing is done.
 *
 * @param fin        the final fragment of its message (§5.2 FIN bit); always true for control frames
 * @param opcode     what the frame carries
 * @param payload    the application data, already unmasked
 * @param compressed RSV1 on the first frame of a message, with permessage-deflate agreed: the
 *                   message is compressed (RFC 7692 §6.1); false on every other frame
 */
public record Frame(boolean fin, Opcode opcode, byte[] payload, boolean compressed) {

    /** A frame of a connection without compression, or any frame but a compressed message's first. */
    public Frame(boolean fin, Opcode opcode, byte[] payload) {
        this(fin, opcode, payload, false);
    }
}
