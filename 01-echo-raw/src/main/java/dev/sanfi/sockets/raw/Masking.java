package dev.sanfi.sockets.raw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The masking of RFC 6455 §5.3, which is its own inverse: masking twice gives the original bytes.
 *
 * <p>Every frame from a client is masked with a fresh random 4-byte key, so that a script in a
 * browser cannot choose the bytes that appear on the wire, and so cannot trick a confused proxy
 * into caching a forged HTTP response (§10.3). Servers never mask.
 */
final class Masking {

    /** Eight bytes of an array read and written as one {@code long}, first byte highest. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code data[from..to)} in place with the masking key: octet {@code i} of the payload is
     * XORed with octet {@code i mod 4} of the key (§5.3).
     *
     * <p>A byte at a time, that is the loop at the end. For a long payload it is most of a server's
     * work (a 64 KiB echo spent nine tenths of its CPU here), so first eight bytes are XORed at
     * once with the key written out twice, starting at the key octet this piece starts at; the loop
     * does the few bytes left.
     *
     * @param key      the 4-byte masking key from the frame header
     * @param position where {@code data[from]} sits in the frame's payload, so that a payload can be
     *                 unmasked piece by piece as it arrives
     */
    static void apply(byte[] key, long position, byte[] data, int from, int to) {
        int i = from;
        if (to - from >= 2 * Long.BYTES) {
            long key8 = eightKeyOctets(key, position);
            for (; to - i >= Long.BYTES; i += Long.BYTES) {
                LONGS.set(data, i, (long) LONGS.get(data, i) ^ key8);
            }
        }
        for (; i < to; i++) {
            data[i] ^= key[(int) ((position + i - from) & 3)];
        }
    }

    /** The key octets for payload octets {@code position .. position + 7}, as one long. */
    private static long eightKeyOctets(byte[] key, long position) {
        long key8 = 0;
        for (int k = 0; k < Long.BYTES; k++) {
            key8 = (key8 << 8) | (key[(int) ((position + k) & 3)] & 0xFF);
        }
        return key8;
    }
}
