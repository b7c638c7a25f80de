package dev.sanfi.sockets.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A member's name: 1 to 32 characters of ASCII letters, digits, {@code _}, {@code -} and {@code .}.
 *
 * <p>ASCII only on purpose: with any Unicode letter allowed, two members could pick names that look
 * the same on screen ("alice" with a Cyrillic "а") and pass for each other.
 */
public record MemberName(String value) {

    public static final int MAX_LENGTH = 32;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    public MemberName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(problem(value));
        }
    }

    /** The name, or empty when {@code raw} is not a valid name (see {@link #problem(String)}). */
    public static Optional<MemberName> parse(String raw) {
        return raw != null && VALID.matcher(raw).matches() ? Optional.of(new MemberName(raw)) : Optional.empty();
    }

    /** Why {@code raw} is not a valid name, in words a member can act on. */
    public static String problem(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "a name is required: connect to /chat?name=NAME";
        }
        return "invalid name: use 1-" + MAX_LENGTH + " characters of letters, digits, '_', '-', '.'";
    }

    @Override
    public String toString() {
        return value;
    }
}
