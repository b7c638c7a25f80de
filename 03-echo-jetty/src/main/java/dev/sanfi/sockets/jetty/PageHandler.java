package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.jetty.guard.RequestCheck;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything Jetty did not upgrade, answered as {@link RequestRules} decides: the browser page for
 * {@code GET /}, its head alone for {@code HEAD /}, and any refusal (405 for {@code POST /}, 404
 * elsewhere) written by {@link RequestCheck}.
 *
 * <p>The page comes from {@code common}'s classpath resource through {@link EchoPage}, so it is
 * served the same from {@code target/classes} and from the built jar.
 */
final class PageHandler extends Handler.Abstract.NonBlocking {

    private final ByteBuffer page = ByteBuffer.wrap(EchoPage.html()).asReadOnlyBuffer();
    private final OriginPolicy originPolicy;

    PageHandler(OriginPolicy originPolicy) {
        this.originPolicy = originPolicy;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestRules.Answer answer = RequestRules.decide(RequestCheck.head(request), originPolicy);
        if (answer instanceof RequestRules.Refusal refusal) {
            RequestCheck.answer(refusal, response, callback);
            return true;
        }
        if (!(answer instanceof RequestRules.Page pageAnswer)) {
            return false; // a valid upgrade that Jetty did not take: Jetty's own 404 is all there is to say
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EchoPage.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.remaining());
        response.write(true, pageAnswer.withBody() ? page.slice() : null, callback);
        return true;
    }
}
