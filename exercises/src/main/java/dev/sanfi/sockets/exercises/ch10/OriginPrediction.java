package dev.sanfi.sockets.exercises.ch10;

/**
 * Chapter 10, exercise 1: what {@code OriginPolicy} decides, predicted, for a server reached as
 * {@code localhost:8081} and started with {@code --allow-origin https://app.example}.
 */
public enum OriginPrediction {

    /** No Origin: not a browser page (RFC 6455 §4.2.1 item 7), so there is no page to protect from. */
    NO_ORIGIN(null, true),
    /** The page this server serves itself: same scheme, host and port as the request's Host. */
    OWN_PAGE("http://localhost:8081", true),
    /** The same host on another port is another origin (RFC 6454): another program's page. */
    OWN_HOST_OTHER_PORT("http://localhost:3000", false),
    /** The same host under another name: origins compare host names as written, not addresses. */
    OWN_PAGE_BY_ADDRESS("http://127.0.0.1:8081", false),
    /** Listed. */
    LISTED("https://app.example", true),
    /** Listed, with its default port spelled out: the same origin. */
    LISTED_WITH_ITS_PORT("https://app.example:443", true),
    /** Listed, in capitals: scheme and host are compared without case (§4.2.2: the origin is lowercased). */
    LISTED_IN_CAPITALS("HTTPS://APP.EXAMPLE", true),
    /** The listed host over plain HTTP: the scheme is part of the origin. */
    LISTED_HOST_OVER_HTTP("http://app.example", false),
    /** Contains the listed origin as a prefix, but is a host of evil.example. */
    LISTED_AS_A_PREFIX("https://app.example.evil.example", false),
    /** What a browser sends for a page without an origin (a file, a sandboxed frame): refused unless listed. */
    OPAQUE("null", false);

    /** The Host header of every request here. */
    public static final String HOST = "localhost:8081";

    private final String origin;
    private final boolean allowed;

    OriginPrediction(String origin, boolean allowed) {
        this.origin = origin;
        this.allowed = allowed;
    }

    /** The request's Origin header, or null for none. */
    public String origin() {
        return origin;
    }

    public boolean allowed() {
        return allowed;
    }
}
