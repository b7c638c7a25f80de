package dev.sanfi.sockets.chat.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How a chat server authenticates members ({@code server --secret-file}): by tokens these
 * {@link AccessTokens} check, sent as the first message within {@code deadline} of the opening.
 */
public record Authentication(AccessTokens tokens, Duration deadline) {

    /**
     * Time enough for a page to send a message it has at hand when the connection opens, even over
     * a slow network; short enough that connections which never authenticate cannot pile up; and
     * shorter than the 10 s a client of ours waits for its welcome, so that the client hears why.
     */
    public static final Duration DEADLINE = Duration.ofSeconds(5);

    public Authentication {
        Objects.requireNonNull(tokens, "tokens");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive, was " + deadline);
        }
    }

    public static Authentication withTokens(AccessTokens tokens) {
        return new Authentication(tokens, DEADLINE);
    }
}
