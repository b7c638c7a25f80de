package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoProtocol;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a malformed WebSocket upgrade to {@code /echo} with the status RFC 6455 §4.2.1–§4.2.2 asks
 * for, before Jetty sees it.
 *
 * <p>Jetty's {@code WebSocketUpgradeHandler} does not refuse such requests: a POST, an HTTP/1.0
 * request or a {@code Sec-WebSocket-Version} other than 13 simply "is not an upgrade" to it and
 * falls through to the next handler, and it takes any {@code Sec-WebSocket-Key} that is present.
 * A request that does not ask for an upgrade at all is left alone: {@link PageHandler} answers it
 * with 426.
 */
final class UpgradeRequestCheck extends Handler.Wrapper {

    /** RFC 6455 §4.1: the key is a random 16-byte value, base64-encoded. */
    private static final int KEY_BYTES = 16;

    UpgradeRequestCheck(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!Request.getPathInContext(request).equals(EchoProtocol.ECHO_PATH) || !asksForWebSocket(request)) {
            return super.handle(request, response, callback);
        }
        String refusal = refusal(request);
        if (refusal != null) {
            PlainTextResponse.send(response, callback, HttpStatus.BAD_REQUEST_400, "400 Bad Request: " + refusal);
            return true;
        }
        if (!EchoProtocol.WEBSOCKET_VERSION.equals(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_VERSION))) {
            // RFC 6455 §4.4: name the versions this server speaks, so that the client can retry.
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, EchoProtocol.WEBSOCKET_VERSION);
            PlainTextResponse.send(response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                    "426 Upgrade Required: only Sec-WebSocket-Version " + EchoProtocol.WEBSOCKET_VERSION + " is supported");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** The request carries {@code Upgrade: websocket} (RFC 6455 §4.2.1 item 3). */
    private static boolean asksForWebSocket(Request request) {
        return request.getHeaders().contains(HttpHeader.UPGRADE, "websocket");
    }

    /** Why this upgrade request is malformed (RFC 6455 §4.2.1), or null when it is not. */
    private static String refusal(Request request) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return "a WebSocket upgrade must be a GET request, not " + request.getMethod();
        }
        if (!HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())) {
            return "a WebSocket upgrade needs HTTP/1.1, not " + request.getConnectionMetaData().getProtocol();
        }
        if (!request.getHeaders().contains(HttpHeader.CONNECTION, "upgrade")) {
            return "'upgrade' token not found in 'Connection' header";
        }
        String key = request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY);
        if (key == null) {
            return "missing 'Sec-WebSocket-Key' header";
        }
        if (!isValidKey(key)) {
            return "'Sec-WebSocket-Key' must be 16 bytes in base64, was '" + key + "'";
        }
        return null;
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
