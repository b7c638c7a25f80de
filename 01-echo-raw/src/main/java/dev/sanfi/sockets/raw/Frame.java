package dev.sanfi.sockets.raw;

/**
 * One frame as the {@link FrameParser} hands it out: unmasked, its header reduced to what matters
 * once parsing is done.
 *
 * @param fin     the final fragment of its message (§5.2 FIN bit); always true for control frames
 * @param opcode  what the frame carries
 * @param payload the application data, already unmasked
 */
public record Frame(boolean fin, Opcode opcode, byte[] payload) {
}
