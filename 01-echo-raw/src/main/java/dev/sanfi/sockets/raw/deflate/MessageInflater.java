package dev.sanfi.sockets.raw.deflate;

import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.ProtocolException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates compressed messages piece by piece, as their frames arrive (RFC 7692 §7.2.2): raw
 * DEFLATE, with the stripped {@code 00 00 ff ff} appended after the message's last piece.
 *
 * <p>The output comes in steps of at most {@link #STEP_BYTES}, each handed to the caller before the
 * next is inflated, so that the caller can count them against its limit and stop: a kilobyte that
 * would inflate to a gigabyte is inflated no further than the limit and one step. Nothing here is
 * kept between steps but the {@link Inflater}'s own state.
 *
 * <p>With context takeover the inflater lives as long as the connection and keeps the 32 KiB window
 * of the messages before; without, each message gets a fresh one, freed after it.
 */
public final class MessageInflater {

    /** The most that is inflated before the caller sees it: the "buffer" on top of the limit. */
    public static final int STEP_BYTES = 16 * 1024;

    /** Where the inflated bytes go; it may throw to stop the inflating (1009 over the limit). */
    @FunctionalInterface
    public interface Output {
        void accept(byte[] inflated) throws ProtocolException;
    }

    /**
     * The longest compressed message worth reading for a message of at most {@code maxMessageBytes}
     * inflated: the limit and an eighth, and 1 KiB. The limit itself counts inflated bytes, checked
     * while inflating; this only refuses, from a frame's header, bytes that no zlib setting makes of
     * an allowed message. Incompressible bytes go into stored blocks of 5 bytes of header each
     * (RFC 1951 §3.2.4), and how many bytes a block holds depends on the sender's zlib: with
     * memLevel 1, its smallest, about 128 — 4 % more; Python's {@code websockets} (memLevel 5, about
     * 2 KiB blocks) makes 1 MiB of random bytes 1,051,137 bytes, 2,561 over the limit. Memory stays
     * bounded: a frame is at most this long.
     */
    public static int maxCompressedBytes(int maxMessageBytes) {
        long bound = (long) maxMessageBytes + maxMessageBytes / 8 + 1024;
        return (int) Math.min(Integer.MAX_VALUE - 16, bound);
    }

    private final boolean keepsWindow;
    /** Created on the first message; null again after {@link #release()}. */
    private Inflater inflater;

    /** @param keepsWindow context takeover: the sender's window carries over from one message to the next */
    public MessageInflater(boolean keepsWindow) {
        this.keepsWindow = keepsWindow;
    }

    /**
     * Inflates the next piece of the compressed message in progress.
     *
     * @param compressed   the piece's payload, as it came
     * @param endOfMessage whether it is the message's last: then §7.2.2's tail is inflated too, and
     *                     everything the message holds has been handed out on return
     * @throws ProtocolException 1007 when the bytes are not DEFLATE data, or what {@code out} throws
     */
    public void inflate(byte[] compressed, boolean endOfMessage, Output out) throws ProtocolException {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        feed(compressed, out);
        if (endOfMessage) {
            feed(MessageDeflater.TAIL, out);
            // BFINAL ended the sender's stream (§7.2.3.4), so the next message starts a new one.
            if (!keepsWindow || inflater.finished()) {
                release();
            }
        }
    }

    private void feed(byte[] input, Output out) throws ProtocolException {
        if (inflater.finished()) {
            return;                 // after a block with BFINAL: the rest of the message is padding (§7.2.3.4)
        }
        inflater.setInput(input);
        byte[] step = new byte[STEP_BYTES];
        try {
            // Until inflate() gives nothing: all input taken and nothing pending (a long match may
            // still be copying out after the last input byte was read).
            for (int n; (n = inflater.inflate(step)) > 0; ) {
                out.accept(Arrays.copyOf(step, n));
            }
        } catch (DataFormatException e) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD_DATA,
                    "compressed message is not valid DEFLATE data: " + e.getMessage() + " (RFC 7692 §7.2.2)");
        }
    }

    /** Frees the inflater's native memory (about 40 KiB: its 32 KiB window and its state); a later message gets a new one. */
    public void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
