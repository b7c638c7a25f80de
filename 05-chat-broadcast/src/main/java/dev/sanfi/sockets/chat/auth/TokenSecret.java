package dev.sanfi.sockets.chat.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The server's secret, with which it signs tokens and checks them: read from a file, never from the
 * command line (where {@code ps} and the shell's history would show it to anyone).
 */
public final class TokenSecret {

    /**
     * At least 32 bytes, the length of an HMAC-SHA256 output: RFC 2104 §3 strongly discourages a
     * shorter key, which would weaken the function. {@code openssl rand -base64 32} writes 44.
     */
    public static final int MIN_BYTES = 32;
    /** A secret is a line, not a file of any size. */
    static final int MAX_FILE_BYTES = 4096;

    private final byte[] key;

    private TokenSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("the secret has " + key.length + " bytes, at least " + MIN_BYTES
                    + " are needed (openssl rand -base64 32 makes one)");
        }
        this.key = key.clone();
    }

    /** The file's bytes, without the whitespace that ends it (the line break an editor adds). */
    public static TokenSecret read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + " has more than " + MAX_FILE_BYTES + " bytes: not a secret");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        return new TokenSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** For tests: a secret of these bytes. */
    public static TokenSecret of(byte[] key) {
        return new TokenSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "TokenSecret[hidden]"; // a secret stays out of logs
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenSecret secret && Arrays.equals(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
