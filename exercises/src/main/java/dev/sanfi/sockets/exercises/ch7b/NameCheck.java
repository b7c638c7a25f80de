package dev.sanfi.sockets.exercises.ch7b;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Chapter 7b, exercise 3: a handshake interceptor that lets an upgrade through only with a valid
 * {@code ?name=}, and hands the name to the session in its attributes. A refusal is an ordinary
 * HTTP answer instead of the 101, which a client takes as HTTP (RFC 6455 §4.1).
 */
public final class NameCheck implements HandshakeInterceptor {

    /** The session attribute that holds the name. */
    public static final String NAME = "name";

    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]{1,16}");

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) throws Exception {
        String name = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst(NAME);
        if (name == null || !VALID.matcher(name).matches()) {
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            response.getBody().write("a name is 1 to 16 of a-z 0-9 _ -\n".getBytes(StandardCharsets.UTF_8));
            return false; // no upgrade: Spring sends this response as it is
        }
        attributes.put(NAME, name); // copied into the session's getAttributes()
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
        // nothing to undo
    }
}
