package dev.sanfi.sockets.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that lets a member take its name back from a connection the server still thinks is
 * open ({@code /chat?name=NAME&token=TOKEN}). It is 128 random bits from {@link SecureRandom}, so it
 * cannot be guessed, and it is compared in constant time, so that the time an answer takes does not
 * tell an attacker how many leading characters it got right.
 */
final class ResumeToken {

    /** 16 bytes: 128 bits, written as 22 characters of URL-safe base64 (RFC 4648 §5). */
    static final int BYTES = 16;

    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    private final byte[] text;

    private ResumeToken(String text) {
        this.text = text.getBytes(StandardCharsets.US_ASCII);
    }

    static ResumeToken random(SecureRandom random) {
        byte[] bits = new byte[BYTES];
        random.nextBytes(bits);
        return new ResumeToken(TEXT.encodeToString(bits));
    }

    /** The token as the member gets it in its welcome and sends it back in the URL. */
    String text() {
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Whether {@code presented} is this token; null never is. Constant time for a token of the right length. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(text, presented.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ResumeToken[hidden]"; // a secret stays out of logs
    }
}
