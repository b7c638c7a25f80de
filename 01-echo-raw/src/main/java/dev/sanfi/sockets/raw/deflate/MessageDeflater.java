package dev.sanfi.sockets.raw.deflate;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses one message after the other (RFC 7692 §7.2.1): raw DEFLATE ({@code nowrap}: no zlib
 * header, no checksum), each message flushed with a sync flush, which ends in an empty stored block
 * {@code 00 00 ff ff}; those four bytes are stripped, since the receiver appends them again.
 *
 * <p>With context takeover the {@link Deflater} lives as long as the connection, and each message
 * may refer back into the 32 KiB of the ones before it. Without, every message is compressed by a
 * fresh one, freed right after: an idle connection then holds no compressor at all.
 */
public final class MessageDeflater {

    /** §7.2.1: the empty stored block a sync flush ends with. */
    static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    /** zlib's default level: most of level 9's ratio at a fraction of its time. */
    private static final int LEVEL = Deflater.DEFAULT_COMPRESSION;

    private final boolean keepsWindow;
    /** Created on the first message; null again after {@link #release()}. */
    private Deflater deflater;

    /** @param keepsWindow context takeover: the window carries over from one message to the next */
    public MessageDeflater(boolean keepsWindow) {
        this.keepsWindow = keepsWindow;
    }

    /**
     * An empty message: the header byte of an empty stored block, to which the receiver's appended
     * {@code 00 00 ff ff} adds the rest. zlib itself makes nothing of no input right after a flush,
     * and an empty payload would leave the receiver's inflater inside a half-read block.
     */
    private static final byte[] EMPTY_MESSAGE = {0x00};

    /** The payload of the compressed message: its DEFLATE data, sync-flushed, the tail stripped. */
    public byte[] compress(byte[] message) {
        if (message.length == 0) {
            return EMPTY_MESSAGE.clone();
        }
        if (deflater == null) {
            deflater = new Deflater(LEVEL, true);
        }
        deflater.setInput(message);
        byte[] out = new byte[compressBound(message.length) + TAIL.length];
        int length = 0;
        while (true) {
            int n = deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            length += n;
            if (length < out.length) {
                break;              // Deflater: a sync flush that did not fill the buffer has given everything
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (!keepsWindow) {
            release();
        }
        // §7.2.1 step 2: a sync flush always ends in the empty stored block, so step 3 can strip it.
        return Arrays.copyOf(out, length - TAIL.length);
    }

    /**
     * zlib's {@code compressBound}: the most DEFLATE makes of {@code length} bytes, when none of them
     * compresses (stored blocks cost a few bytes each). A compressed message within the size limit
     * needs no longer frame than this.
     */
    public static int compressBound(int length) {
        long bound = (long) length + (length >> 12) + (length >> 14) + (length >> 25) + 13;
        return (int) Math.min(Integer.MAX_VALUE - 16, bound);
    }

    /** Frees the compressor's native memory (about 256 KiB with zlib's defaults); a later message gets a new one. */
    public void release() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
