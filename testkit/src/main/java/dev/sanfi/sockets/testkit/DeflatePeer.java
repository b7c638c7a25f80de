package dev.sanfi.sockets.testkit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The contract's own permessage-deflate (RFC 7692 §7.2), in a few lines of {@code java.util.zip}:
 * it compresses what the contract sends and inflates what the server sends. It shares no code with
 * any module, so that a bug in a module's codec cannot hide itself by being on both ends of a test.
 *
 * <p>Raw DEFLATE ({@code nowrap}: no zlib header or checksum). A message is compressed and flushed
 * with a sync flush, which ends in an empty stored block, {@code 00 00 ff ff}; those four bytes are
 * stripped (§7.2.1) and appended again before inflating (§7.2.2). With context takeover the
 * compressor and inflater keep their window from one message to the next; without, they start
 * afresh for each message.
 */
public final class DeflatePeer implements AutoCloseable {

    /** RFC 7692 §7.2.1: the empty stored block a sync flush ends with, removed by the sender. */
    public static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    /** Inflating more than this is not an echo of anything the contract sent: the test stops there. */
    private static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;

    private final boolean compressorKeepsWindow;
    private final boolean inflaterKeepsWindow;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    /**
     * @param compressorKeepsWindow context takeover for what this peer sends
     * @param inflaterKeepsWindow   context takeover for what the server sends; false also checks that
     *                              each of its messages needs no earlier one (server_no_context_takeover)
     */
    public DeflatePeer(boolean compressorKeepsWindow, boolean inflaterKeepsWindow) {
        this.compressorKeepsWindow = compressorKeepsWindow;
        this.inflaterKeepsWindow = inflaterKeepsWindow;
    }

    /** The payload of one compressed message: DEFLATE with a sync flush, its {@link #TAIL} stripped. */
    public byte[] compress(byte[] message) {
        if (message.length == 0) {
            // The header byte of an empty stored block (BFINAL 0, BTYPE 00): the receiver's appended
            // tail completes it. zlib makes nothing of no input right after a flush.
            return new byte[] {0x00};
        }
        if (!compressorKeepsWindow) {
            deflater.reset();
        }
        deflater.setInput(message);
        byte[] flushed = drain(deflater);
        if (flushed.length < TAIL.length || !Arrays.equals(flushed, flushed.length - 4, flushed.length, TAIL, 0, 4)) {
            throw new IllegalStateException("a sync flush ends with 00 00 ff ff");
        }
        return Arrays.copyOf(flushed, flushed.length - TAIL.length);
    }

    /** The message a compressed payload stands for: the payload with {@link #TAIL} appended, inflated. */
    public byte[] inflate(byte[] payload) {
        if (!inflaterKeepsWindow || inflater.finished()) {
            inflater.reset();   // finished: the sender ended its stream with BFINAL (§7.2.3.4)
        }
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            // Until inflate() gives nothing: input all read and nothing pending (a match may still be
            // copying out after the last input byte was taken).
            for (int n; (n = inflater.inflate(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new AssertionError("the server's message inflates to more than " + MAX_INFLATED_BYTES + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new AssertionError("RFC 7692 §7.2.2: the server's compressed message is not DEFLATE data"
                    + (inflaterKeepsWindow ? "" : " on its own (server_no_context_takeover: no earlier message may be needed)")
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * One MiB of zeros compressed as tightly as DEFLATE goes (about a kilobyte), ending on a sync
     * flush: the block of a compression bomb. It refers only to the zeros before it, so it can be
     * repeated any number of times, and each copy inflates to another MiB of zeros.
     */
    public static byte[] bombBlock() {
        return BombBlock.BYTES.clone();
    }

    /**
     * A bomb: {@code blocks} copies of {@link #bombBlock()} (each a kilobyte that inflates to a MiB of
     * zeros), then a byte that is no DEFLATE block at all (BFINAL 1, BTYPE 11, reserved). A server
     * that counts while it inflates stops at its limit and answers 1009 long before that byte; a
     * server that inflates first and counts after reaches it, and answers something else.
     */
    public static byte[] bomb(int blocks) {
        byte[] block = BombBlock.BYTES;
        byte[] bomb = new byte[block.length * blocks + 1];
        for (int i = 0; i < blocks; i++) {
            System.arraycopy(block, 0, bomb, i * block.length, block.length);
        }
        bomb[bomb.length - 1] = 0x07;
        return bomb;
    }

    /** The most blocks a bomb may have and still be a frame of under {@code frameBytes}. */
    public static int bombBlocksUnder(int frameBytes) {
        return (frameBytes - 1024) / BombBlock.BYTES.length;
    }

    /** Made once, when first asked for: compressing a MiB as tightly as that takes a moment. */
    private static final class BombBlock {
        static final byte[] BYTES = compressZeros(1024 * 1024);

        private static byte[] compressZeros(int count) {
            Deflater tight = new Deflater(Deflater.BEST_COMPRESSION, true);
            try {
                tight.setInput(new byte[count]);
                return drain(tight);
            } finally {
                tight.end();
            }
        }
    }

    /** Everything the deflater makes of its input, with a sync flush. */
    private static byte[] drain(Deflater deflater) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        do {
            // Deflater: a SYNC_FLUSH that fills the buffer has more to give; call again.
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        return out.toByteArray();
    }

    /** Frees the compressor's and the inflater's native memory. */
    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
