package dev.sanfi.sockets.exercises.ch10b;

import dev.sanfi.sockets.chat.auth.AccessTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Chapter 10b, exercise 2: the chat's tokens, each good for one connection. A token copied out of
 * a log, or out of the page after it was used, lets nobody in a second time. What it costs is what
 * the chat's tokens were built to avoid: the server remembers every token used until it expires.
 */
public final class OneUseTokens {

    static final String USED = "token already used";
    static final String FULL = "too many sign-ins at once, try again later";

    private final AccessTokens tokens;
    private final Clock clock;
    private final int maxRemembered;
    /** The first part of every token that let someone in, with its expiry. */
    private final Map<String, Instant> used = new HashMap<>();

    /** @param clock the same clock as {@code tokens}': what expired for them is forgotten here */
    public OneUseTokens(AccessTokens tokens, Clock clock, int maxRemembered) {
        if (maxRemembered < 1) {
            throw new IllegalArgumentException("maxRemembered must be positive, was " + maxRemembered);
        }
        this.tokens = tokens;
        this.clock = clock;
        this.maxRemembered = maxRemembered;
    }

    /**
     * As {@link AccessTokens#check}, and a valid token is valid once. Synchronized: two connections
     * that present one token at the same moment must not both get in.
     */
    public synchronized AccessTokens.Check check(String token) {
        AccessTokens.Check check = tokens.check(token);
        if (!(check instanceof AccessTokens.Check.Valid valid)) {
            return check; // forged or expired: nothing to remember, and no more said than before
        }
        // Keyed by the first part, not by the whole token: a valid signature follows from the first
        // part, and its last character has four spellings (exercise 1).
        String claims = token.substring(0, token.indexOf('.'));
        Instant now = clock.instant();
        used.values().removeIf(expires -> !now.isBefore(expires)); // refused as expired from now on anyway
        if (used.containsKey(claims)) {
            return new AccessTokens.Check.Refused(USED);
        }
        if (used.size() >= maxRemembered) {
            // Fail closed: forgetting a token before it expires would let it in again.
            return new AccessTokens.Check.Refused(FULL);
        }
        used.put(claims, valid.expires());
        return valid;
    }

    /** How many used tokens are remembered now. */
    public synchronized int remembered() {
        return used.size();
    }
}
