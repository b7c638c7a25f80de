package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Plain HTTP, everything that is not a WebSocket upgrade: the page at {@code GET /} (served from
 * memory: Tyrus's own static handler wants a directory on disk), 426 for {@code /echo} without an
 * upgrade, 404 for any other path.
 */
final class PageHandler extends HttpHandler {

    private static final byte[] PAGE = EchoPage.html();

    @Override
    public void service(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals(EchoProtocol.PAGE_PATH)) {
            if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
                response.setHeader("Allow", "GET, HEAD");
                answer(response, 405, "Method Not Allowed", "only GET is served here");
                return;
            }
            response.setStatus(200);
            response.setContentType(EchoPage.CONTENT_TYPE);
            response.setContentLength(PAGE.length);
            if (request.getMethod() == Method.GET) {
                response.getOutputStream().write(PAGE);
            }
        } else if (path.equals(EchoProtocol.ECHO_PATH)) {
            // RFC 7231 §6.5.15: 426 names the protocol the client has to switch to. Grizzly takes a
            // response with an Upgrade header for a switch and drops Content-Length, so the
            // connection is closed after it, which ends the body for the client.
            response.setHeader("Upgrade", "websocket");
            response.setHeader("Connection", "close");
            answer(response, 426, "Upgrade Required", "this is a WebSocket endpoint: send an upgrade request");
        } else {
            answer(response, 404, "Not Found", "nothing at " + path + "; try " + EchoProtocol.PAGE_PATH);
        }
    }

    private static void answer(Response response, int status, String phrase, String reason) throws IOException {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status, phrase);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
