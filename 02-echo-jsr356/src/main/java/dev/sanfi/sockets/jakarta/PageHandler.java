package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Plain HTTP, what Tyrus does not take: the page for {@code GET /} (and its head for {@code HEAD /}),
 * served from memory, as Tyrus's own static handler wants a directory on disk. Every other request
 * gets what {@code common}'s {@link RequestRules} decide, so that this server answers as all others.
 */
final class PageHandler extends HttpHandler {

    private static final byte[] PAGE = EchoPage.html();

    private final OriginPolicy origins;

    PageHandler(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        RequestRules.Answer answer = RequestRules.decide(GrizzlyRequests.head(request.getRequest()), origins);
        if (answer instanceof RequestRules.Page page) {
            response.setStatus(200);
            response.setContentType(EchoPage.CONTENT_TYPE);
            response.setContentLength(PAGE.length);
            if (page.withBody()) {
                response.getOutputStream().write(PAGE);
            }
        } else if (answer instanceof RequestRules.Refusal refusal) {
            refuse(response, refusal);
        } else {
            // A valid upgrade is Tyrus's; it reaches this handler only when no WebSocket engine is plugged in.
            refuse(response, new RequestRules.Refusal(404, "no WebSocket engine at " + request.getRequestURI(), Map.of()));
        }
    }

    private static void refuse(Response response, RequestRules.Refusal refusal) throws IOException {
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refusal.status(), refusal.phrase());
        refusal.headers().forEach(response::setHeader);
        response.setHeader("Connection", "close");
        response.setContentType(RequestRules.REFUSAL_CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
