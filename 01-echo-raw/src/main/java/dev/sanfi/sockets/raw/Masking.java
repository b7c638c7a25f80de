package dev.sanfi.sockets.raw;

/**
 * The masking of RFC 6455 §5.3, which is its own inverse: masking twice gives the original bytes.
 *
 * <p>Every frame from a client is masked with a fresh random 4-byte key, so that a script in a
 * browser cannot choose the bytes that appear on the wire, and so cannot trick a confused proxy
 * into caching a forged HTTP response (§10.3). Servers never mask.
 */
final class Masking {

    private Masking() {
    }

    /**
     * XORs {@code data[from..to)} in place with the masking key: octet {@code i} of the payload is
     * XORed with octet {@code i mod 4} of the key (§5.3).
     *
     * @param key      the 4-byte masking key from the frame header
     * @param position where {@code data[from]} sits in the frame's payload, so that a payload can be
     *                 unmasked piece by piece as it arrives
     */
    static void apply(byte[] key, long position, byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            data[i] ^= key[(int) ((position + i - from) & 3)];
        }
    }
}
