package dev.sanfi.sockets.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A refusal as the echo protocol wants it: a status and one line of text that says why, so that a
 * developer reading the response with {@code curl -i} knows what to fix.
 */
final class PlainTextResponse {

    private PlainTextResponse() {
    }

    /** Writes the whole response and completes {@code callback} when it is sent. */
    static void send(Response response, Callback callback, int status, String reason) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap((reason + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }
}
