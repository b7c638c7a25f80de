package dev.sanfi.sockets.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request target of an upgrade ({@code /chat?name=alice}, or
 * {@code /chat?name=alice&token=TOKEN&since=SEQ} for a member that comes back): which path, and
 * which parameters.
 *
 * @param path  the path, without the query
 * @param name  the first {@code name} parameter, decoded; null when there is none
 * @param token the first {@code token} parameter, decoded; null when there is none
 * @param since the first {@code since} parameter, decoded (the room checks it is a seq); null when there is none
 */
record ChatRequestTarget(String path, String name, String token, String since) {

    static final String CHAT_PATH = "/chat";

    /** Parses a request target; empty when it is not one (it then gets 404 like any unknown path). */
    static Optional<ChatRequestTarget> parse(String target) {
        try {
            URI uri = new URI(target);
            if (uri.getRawPath() == null || uri.isAbsolute()) {
                return Optional.empty();
            }
            String query = uri.getRawQuery();
            return Optional.of(new ChatRequestTarget(uri.getPath(), parameter(query, "name"),
                    parameter(query, "token"), parameter(query, "since")));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean isChat() {
        return path.equals(CHAT_PATH);
    }

    private static String parameter(String rawQuery, String wanted) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(wanted)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
