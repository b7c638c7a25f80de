package dev.sanfi.sockets.chat;

import dev.sanfi.sockets.common.OriginPolicy;

/**
 * The origin check of the chat's upgrade, where the page and the chat live on two ports.
 *
 * <p>{@link OriginPolicy} allows a browser's "own origin": the scheme, host and port the request was
 * sent to (its {@code Host} header). The chat page, though, comes from the page port, and its
 * script connects to the WebSocket port — a different origin to the browser (RFC 6454 compares
 * ports). So the check asks the policy about the Host header with its port replaced by the page
 * port: "is this the page we served, on the host the browser used to reach us?"
 */
final class PageOrigin {

    private final OriginPolicy policy;
    private final int pagePort;

    PageOrigin(OriginPolicy policy, int pagePort) {
        this.policy = policy;
        this.pagePort = pagePort;
    }

    /**
     * @param origin the {@code Origin} header, or null/empty when absent (a non-browser client)
     * @param host   the {@code Host} header, or null/empty when absent
     */
    boolean allows(String origin, String host) {
        String presentOrigin = origin == null || origin.isEmpty() ? null : origin;
        return policy.allows(presentOrigin, withPort(host, pagePort));
    }

    /** {@code localhost:8086} → {@code localhost:8085}; {@code [::1]:8086} → {@code [::1]:8085}. */
    static String withPort(String host, int port) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String trimmed = host.trim();
        String name;
        if (trimmed.startsWith("[")) {
            int end = trimmed.indexOf(']');
            if (end < 0) {
                return null;
            }
            name = trimmed.substring(0, end + 1);
        } else {
            int colon = trimmed.indexOf(':');
            if (colon != trimmed.lastIndexOf(':')) {
                return null; // an IPv6 address without brackets is not a valid Host header
            }
            name = colon < 0 ? trimmed : trimmed.substring(0, colon);
        }
        return name + ":" + port;
    }
}
