package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.jakarta.GrizzlyRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Applies {@code common}'s {@link RequestRules} to every request head before Tyrus or the page handler
 * sees it (RFC 6455 §4.2.1, §4.2.2 and §10.2 for upgrades; RFC 9110 for the rest), and answers each
 * refusal itself, completely: status, a one-line body, {@code Content-Length}, {@code Connection:
 * close}; then the socket is closed.
 *
 * <p>Why not leave it to Tyrus: Tyrus answers a refused upgrade (403 from
 * {@code Configurator.checkOrigin}, 426 for another version) without {@code Content-Length} and keeps
 * the connection open, so an HTTP/1.1 client waits for a body that never comes; and the
 * specification's origin hook, {@code checkOrigin(String origin)}, sees the {@code Origin} header but
 * not {@code Host}, so it cannot tell the server's own page (same host and port) from a foreign one.
 */
public final class RequestCheck extends BaseFilter {

    /** Set on a connection once its upgrade request has been let through to Tyrus. */
    private static final Attribute<Boolean> UPGRADED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestCheck.class.getName() + ".upgraded");
    /** Set once a request was refused: what else arrives before the socket is closed goes nowhere. */
    private static final Attribute<Boolean> REFUSED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestCheck.class.getName() + ".refused");
    /** The request head last decided on, so that the rest of the same request (its body) is not decided again. */
    private static final Attribute<HttpRequestPacket> DECIDED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestCheck.class.getName() + ".decided");

    private final OriginPolicy origins;
    private final Consumer<Connection<?>> onUpgrade;

    /** @param onUpgrade told of each connection whose upgrade goes on to Tyrus, before Tyrus answers it */
    public RequestCheck(OriginPolicy origins, Consumer<Connection<?>> onUpgrade) {
        this.origins = origins;
        this.onUpgrade = onUpgrade;
    }

    /** Whether this connection's upgrade request was valid and went on to Tyrus: its bytes are frames now. */
    public static boolean upgraded(Connection<?> connection) {
        return Boolean.TRUE.equals(UPGRADED.get(connection));
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (upgraded(connection)) {
            return ctx.getInvokeAction(); // WebSocket frames now
        }
        if (Boolean.TRUE.equals(REFUSED.get(connection))) {
            return ctx.getStopAction(); // the rest of a refused request, or more after it
        }
        HttpContent content = ctx.getMessage();
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        if (DECIDED.get(connection) == request) {
            return ctx.getInvokeAction(); // more of a request already let through
        }
        DECIDED.set(connection, request);
        RequestRules.Answer answer = RequestRules.decide(GrizzlyRequests.head(request), origins);
        if (answer instanceof RequestRules.Refusal refusal) {
            REFUSED.set(connection, Boolean.TRUE);
            refuse(ctx, request, refusal);
            return ctx.getStopAction();
        }
        if (answer instanceof RequestRules.Upgrade) {
            UPGRADED.set(connection, Boolean.TRUE);
            onUpgrade.accept(connection);
        }
        return ctx.getInvokeAction(); // the upgrade to Tyrus, the page to the page handler
    }

    @SuppressWarnings("rawtypes") // Grizzly's write takes a CompletionHandler of the raw WriteResult
    private static void refuse(FilterChainContext ctx, HttpRequestPacket request, RequestRules.Refusal refusal) {
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(refusal.status());
        response.setReasonPhrase(refusal.phrase());
        // Straight into the header list: HttpHeader.setHeader keeps some fields (Content-Type, Upgrade)
        // aside for Grizzly's HTTP server filter, and this answer goes out below that filter.
        response.getHeaders().setValue("Content-Type").setString(RequestRules.REFUSAL_CONTENT_TYPE);
        refusal.headers().forEach((name, value) -> response.getHeaders().setValue(name).setString(value));
        response.setContentLength(body.length);
        response.getHeaders().setValue("Connection").setString("close");
        Connection<?> connection = ctx.getConnection();
        HttpContent answer = HttpContent.builder(response)
                .content(Buffers.wrap(ctx.getMemoryManager(), body))
                .last(true)
                .build();
        ctx.write(answer, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable error) {
                connection.closeSilently();
            }
        });
    }
}
