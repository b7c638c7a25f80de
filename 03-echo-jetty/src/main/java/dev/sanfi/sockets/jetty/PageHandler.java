package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoProtocol;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything that is not a WebSocket upgrade: the browser page at {@code /}, 426 for a plain
 * request to {@code /echo}, 404 for any other path.
 *
 * <p>The page comes from {@code common}'s classpath resource through {@link EchoPage}, so it is
 * served the same from {@code target/classes} and from the built jar.
 */
final class PageHandler extends Handler.Abstract.NonBlocking {

    private final ByteBuffer page = ByteBuffer.wrap(EchoPage.html()).asReadOnlyBuffer();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals(EchoProtocol.ECHO_PATH)) {
            // Reached only when WebSocketUpgradeHandler did not upgrade: RFC 7231 §6.5.15 wants
            // an Upgrade header naming the protocol to switch to.
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, EchoProtocol.WEBSOCKET_VERSION);
            PlainTextResponse.send(response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                    "426 Upgrade Required: " + EchoProtocol.ECHO_PATH + " speaks WebSocket only");
            return true;
        }
        if (!path.equals(EchoProtocol.PAGE_PATH)) {
            PlainTextResponse.send(response, callback, HttpStatus.NOT_FOUND_404, "404 Not Found: " + path);
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            PlainTextResponse.send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    "405 Method Not Allowed: the page is read with GET");
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EchoPage.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.remaining());
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : page.slice(), callback);
        return true;
    }
}
