package dev.sanfi.sockets.raw;

/**
 * Where a client's masking keys come from (RFC 6455 §5.3).
 *
 * <p>The real client draws them from {@code SecureRandom}, as §10.3 requires ("unpredictable");
 * tests pass a fixed key so that the frames they expect can be written down byte by byte.
 */
@FunctionalInterface
public interface MaskKeySource {

    /** The next 4-byte masking key, big-endian in an int. */
    int nextMaskKey();
}
