package dev.sanfi.sockets.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request target of an upgrade ({@code /chat?name=alice}): which path, and which name.
 *
 * @param path the path, without the query
 * @param name the first {@code name} parameter, decoded; null when there is none
 */
record ChatRequestTarget(String path, String name) {

    static final String CHAT_PATH = "/chat";

    /** Parses a request target; empty when it is not one (it then gets 404 like any unknown path). */
    static Optional<ChatRequestTarget> parse(String target) {
        try {
            URI uri = new URI(target);
            if (uri.getRawPath() == null || uri.isAbsolute()) {
                return Optional.empty();
            }
            return Optional.of(new ChatRequestTarget(uri.getPath(), nameParameter(uri.getRawQuery())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean isChat() {
        return path.equals(CHAT_PATH);
    }

    private static String nameParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals("name")) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
