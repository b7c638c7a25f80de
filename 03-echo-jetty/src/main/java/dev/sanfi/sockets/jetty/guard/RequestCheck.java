package dev.sanfi.sockets.jetty.guard;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.common.RequestRules.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Applies {@link RequestRules} to every request before Jetty's {@code WebSocketUpgradeHandler} sees
 * it, and answers each refusal itself; the page and valid upgrades go on down the chain.
 *
 * <p>Jetty's upgrade handler refuses very little (RFC 6455 §4.2.1): a POST, an HTTP/1.0 request or a
 * {@code Sec-WebSocket-Version} other than 13 is to it simply "not an upgrade" and falls through to
 * the next handler, a {@code Sec-WebSocket-Key} of any shape is accepted, and it looks at no
 * {@code Origin} (§10.2). The rules and their order live in {@code common}; this class only reads
 * the request head and writes the answer with Jetty.
 */
public final class RequestCheck extends Handler.Wrapper {

    private final OriginPolicy originPolicy;

    public RequestCheck(OriginPolicy originPolicy, Handler next) {
        super(next);
        this.originPolicy = originPolicy;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (RequestRules.decide(head(request), originPolicy) instanceof Refusal refusal) {
            answer(refusal, response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** The request head as the rules read it, from Jetty's parsed request. */
    public static RequestRules.Head head(Request request) {
        return RequestRules.head(request.getMethod(), Request.getPathInContext(request),
                request.getConnectionMetaData().getProtocol(), name -> request.getHeaders().getValuesList(name));
    }

    /**
     * Writes the whole refusal: status, one line of text, its length, and {@code Connection: close},
     * after which Jetty closes the socket (RFC 9112 §9.6).
     */
    public static void answer(Refusal refusal, Response response, Callback callback) {
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refusal.status());
        HttpFields.Mutable headers = response.getHeaders();
        refusal.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_TYPE, RequestRules.REFUSAL_CONTENT_TYPE);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        headers.put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
