package dev.sanfi.sockets.chat.auth;

import dev.sanfi.sockets.chat.MemberName;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chat's access tokens: a member's name and the instant the token stops being valid, signed
 * with the server's secret, so that any node holding the secret can check one without asking
 * anyone (no store of issued tokens, and nothing to share in a cluster but the secret).
 *
 * <pre>
 * token     = payload "." signature
 * payload   = BASE64URL(NAME ":" EXPIRES)      EXPIRES: seconds since 1970-01-01T00:00Z
 * signature = BASE64URL(HMAC-SHA256(secret, payload))
 * </pre>
 *
 * (Base64url without padding, RFC 4648 §5; HMAC, RFC 2104.) The same shape as a JSON Web Token's
 * last two parts, without JSON or a choice of algorithms: one algorithm, so that a token cannot
 * pick a weaker one. Pure: the time comes from the {@link Clock} it is given.
 */
public final class AccessTokens {

    /** Longer is not a token of ours: refused before any decoding. */
    public static final int MAX_TOKEN_CHARS = 200;
    /** The longest a token may be valid: a leaked one stops working within a week at most. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder FROM_TEXT = Base64.getUrlDecoder();

    /** What a token says, once checked. */
    public sealed interface Check {
        /** Signed by our secret, for this name, and not expired. */
        record Valid(MemberName name, Instant expires) implements Check {
        }

        /** Not valid, and why, in words that give a forger nothing: "invalid token" or "token expired". */
        record Refused(String reason) implements Check {
        }
    }

    static final String INVALID = "invalid token";
    static final String EXPIRED = "token expired";

    private final SecretKeySpec key;
    private final Clock clock;

    public AccessTokens(TokenSecret secret, Clock clock) {
        this.key = new SecretKeySpec(secret.key(), ALGORITHM);
        this.clock = clock;
    }

    /** A token for {@code name}, valid from now for {@code lifetime} (whole seconds, at most {@link #MAX_LIFETIME}). */
    public String issue(MemberName name, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token is valid for 1 s to " + MAX_LIFETIME.toDays() + " days, not " + lifetime);
        }
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String payload = TEXT.encodeToString((name.value() + ":" + expires).getBytes(StandardCharsets.US_ASCII));
        return payload + "." + TEXT.encodeToString(sign(payload));
    }

    /**
     * Checks a token: its signature first, in constant time, and only then what it says, so that
     * nothing about a forged token is read, and only the holder of a genuine one learns that it
     * expired. A token is valid until the second it names, not from it on.
     */
    public Check check(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return new Check.Refused(INVALID);
        }
        int dot = token.indexOf('.');
        if (dot < 0 || dot != token.lastIndexOf('.')) {
            return new Check.Refused(INVALID);
        }
        String payload = token.substring(0, dot);
        Optional<byte[]> signature = decode(token.substring(dot + 1));
        // MessageDigest.isEqual takes as long for every wrong signature of the right length:
        // the time of the answer does not tell how many leading bytes were right.
        if (signature.isEmpty() || !MessageDigest.isEqual(sign(payload), signature.get())) {
            return new Check.Refused(INVALID);
        }
        Optional<String> claims = decode(payload).map(bytes -> new String(bytes, StandardCharsets.US_ASCII));
        int colon = claims.map(text -> text.indexOf(':')).orElse(-1);
        if (colon < 0) {
            return new Check.Refused(INVALID);
        }
        Optional<MemberName> name = MemberName.parse(claims.get().substring(0, colon));
        Optional<Instant> expires = epochSecond(claims.get().substring(colon + 1));
        if (name.isEmpty() || expires.isEmpty()) {
            return new Check.Refused(INVALID);
        }
        if (!clock.instant().isBefore(expires.get())) {
            return new Check.Refused(EXPIRED);
        }
        return new Check.Valid(name.get(), expires.get());
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    private static Optional<byte[]> decode(String text) {
        try {
            return Optional.of(FROM_TEXT.decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochSecond(String text) {
        if (!text.matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
    }
}
