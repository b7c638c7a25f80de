package dev.sanfi.sockets.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which browser pages may open a WebSocket to this server.
 *
 * <p>Browsers send cookies with a WebSocket upgrade to any site, and the same-origin policy does not
 * apply to WebSockets (RFC 6455 §10.2). Without this check, any web page a user visits could talk to a
 * server on their machine or intranet in their name (cross-site WebSocket hijacking).
 *
 * <p>The rule: no {@code Origin} header (a non-browser client) is allowed; the server's own origin
 * (the page it serves itself: same host and port as the {@code Host} header) is allowed; an origin
 * listed with {@code --allow-origin} is allowed; {@code --allow-origin '*'} allows every origin.
 */
public final class OriginPolicy {

    private static final String ANY = "*";
    /** What browsers send for pages without an origin of their own (files, sandboxed frames). */
    private static final String OPAQUE = "null";

    private final boolean anyOrigin;
    private final Set<String> allowed;

    private OriginPolicy(boolean anyOrigin, Set<String> allowed) {
        this.anyOrigin = anyOrigin;
        this.allowed = allowed;
    }

    /** Only the server's own pages (and non-browser clients). */
    public static OriginPolicy sameOrigin() {
        return new OriginPolicy(false, Set.of());
    }

    /** Every origin: the check is off. */
    public static OriginPolicy anyOrigin() {
        return new OriginPolicy(true, Set.of());
    }

    /**
     * The server's own pages plus the given origins, such as {@code http://localhost:3000};
     * {@code *} among them turns the check off.
     *
     * @throws IllegalArgumentException for a value that is not an origin
     */
    public static OriginPolicy allowing(Collection<String> origins) {
        if (origins.contains(ANY)) {
            return anyOrigin();
        }
        TreeSet<String> normalized = new TreeSet<>();
        for (String origin : origins) {
            if (origin.trim().equals(OPAQUE)) {
                normalized.add(OPAQUE);
                continue;
            }
            normalized.add(normalize(origin).orElseThrow(() -> new IllegalArgumentException(
                    "not an origin: '" + origin + "' (expected scheme://host[:port], e.g. http://localhost:3000)")));
        }
        return new OriginPolicy(false, java.util.Collections.unmodifiableSortedSet(normalized));
    }

    /**
     * Decides one upgrade request.
     *
     * @param origin the request's {@code Origin} header, or null when it has none
     * @param host   the request's {@code Host} header, or null when it has none
     */
    public boolean allows(String origin, String host) {
        if (anyOrigin || origin == null) {
            return true;
        }
        Optional<String> normalized = normalize(origin);
        if (normalized.isEmpty()) {
            return allowed.contains(origin.trim()); // e.g. "null", allowed only when listed as such
        }
        return allowed.contains(normalized.get()) || isOwnOrigin(normalized.get(), host);
    }

    /** The origins listed explicitly, normalized; empty for {@link #anyOrigin()}. */
    public List<String> allowedOrigins() {
        return List.copyOf(allowed);
    }

    public boolean allowsAnyOrigin() {
        return anyOrigin;
    }

    /** The page's origin names the server the request was sent to (the Host header). */
    private static boolean isOwnOrigin(String normalizedOrigin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String scheme = normalizedOrigin.substring(0, normalizedOrigin.indexOf(':'));
        return normalize(scheme + "://" + host.trim()).map(normalizedOrigin::equals).orElse(false);
    }

    /** {@code scheme://host:port} in lower case with the port spelled out, or empty if not an origin. */
    static Optional<String> normalize(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (scheme == null || host == null || !bare || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
            if (port == -1) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OriginPolicy that && anyOrigin == that.anyOrigin && allowed.equals(that.allowed);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(anyOrigin) * 31 + allowed.hashCode();
    }

    @Override
    public String toString() {
        return anyOrigin ? "any origin" : allowed.isEmpty() ? "same origin" : "same origin + " + allowed;
    }
}
