package dev.sanfi.sockets.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the cluster's Redis is: {@code redis://HOST:PORT}, nothing more (no password, database or
 * TLS, which this chapter does not need). Parsed strictly so that a typo is one clear line at start.
 */
public record RedisAddress(String host, int port) {

    public static final int DEFAULT_PORT = 6379;

    public RedisAddress {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    /** {@code redis://HOST:PORT} (the port may be left out: 6379); anything else is refused with the reason. */
    public static RedisAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + text + "' (expected redis://HOST:PORT)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!scheme.equals("redis") || uri.getHost() == null || !bare) {
            throw new IllegalArgumentException("not a Redis URL: '" + text + "' (expected redis://HOST:PORT)");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535 in '" + text + "' (expected redis://HOST:PORT)");
        }
        return new RedisAddress(host, port);
    }

    @Override
    public String toString() {
        return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
