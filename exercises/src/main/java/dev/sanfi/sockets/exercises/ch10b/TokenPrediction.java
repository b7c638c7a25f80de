package dev.sanfi.sockets.exercises.ch10b;

/**
 * Chapter 10b, exercise 1: what the chat started with {@code server --secret-file} does with a token
 * presented in thirteen ways, predicted. Every presentation is of a token for alice on a fresh
 * server; the outcome is the first thing the connection gets: {@code HTTP} and the status when the
 * upgrade is refused, else the first event's type or the Close frame's code and reason.
 */
public enum TokenPrediction {

    /** What the chat expects: {"type":"auth","token":...} as the first message. */
    AS_THE_FIRST_MESSAGE("welcome"),
    /**
     * The signature's last character replaced by the next in the alphabet (B where it was A). Of a 32-byte
     * signature's 43 characters the last carries 4 bits and 2 that the JDK's decoder drops (RFC 4648
     * §3.5 lets a decoder reject them, and does not make it): the same bytes, the same signature.
     */
    LAST_CHARACTER_NUDGED("welcome"),
    /** Any other character of the signature changed: other bytes, not our signature. */
    FIRST_CHARACTER_CHANGED("Close 1008 invalid token"),
    /** alice's signature on a first part that says mallory: the signature covers the first part. */
    NAME_REWRITTEN("Close 1008 invalid token"),
    /** A well-formed token from a server with another secret. */
    SIGNED_WITH_ANOTHER_SECRET("Close 1008 invalid token"),
    /** Genuine, and expired: the one refusal that says more than "invalid". */
    EXPIRED("Close 1008 token expired"),
    /** In the URL ({@code /chat?access_token=...}): the chat reads no token there, and waits for one. */
    IN_THE_QUERY("Close 1008 authentication timeout"),
    /** {@code Authorization: Bearer ...} with the upgrade (RFC 6750): allowed by RFC 6455, read by nobody here. */
    IN_AN_AUTHORIZATION_HEADER("Close 1008 authentication timeout"),
    /** {@code Cookie: token=...} with the upgrade: the chat sets no cookie and reads none. */
    IN_A_COOKIE("Close 1008 authentication timeout"),
    /**
     * As the one subprotocol offered: the upgrade succeeds naming no subprotocol (which a browser
     * would fail, chapter 1b), and the chat still waits for a first message.
     */
    AS_A_SUBPROTOCOL("Close 1008 authentication timeout"),
    /** A chat message first, the token second: only the first message counts. */
    AFTER_A_CHAT_MESSAGE("Close 1008 authentication required: send {\"type\":\"auth\",\"token\":TOKEN} first"),
    /** A valid token from a page on another site: the origin check refuses the upgrade before any token. */
    FROM_ANOTHER_SITE("HTTP 404"),
    /** The token sent after the deadline: the Close came first, and the late token decides nothing. */
    TOO_LATE("Close 1008 authentication timeout");

    private final String outcome;

    TokenPrediction(String outcome) {
        this.outcome = outcome;
    }

    /** {@code welcome}, {@code Close CODE REASON}, or {@code HTTP STATUS}. */
    public String outcome() {
        return outcome;
    }
}
