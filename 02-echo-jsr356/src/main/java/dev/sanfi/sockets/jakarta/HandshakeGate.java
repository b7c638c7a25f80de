package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.OriginPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
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
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.memory.Buffers;

/**
 * A Grizzly filter in front of Tyrus that checks every WebSocket upgrade request (RFC 6455 §4.2.1)
 * and answers the bad ones itself, completely: status, a one-line reason, {@code Content-Length},
 * {@code Connection: close}, then the socket is closed.
 *
 * <p>Why not leave it to Tyrus: Tyrus answers a refused upgrade (403 from
 * {@code Configurator.checkOrigin}, 426 for another version) without {@code Content-Length} and keeps
 * the connection open, so an HTTP/1.1 client waits for a body that never comes. And the
 * specification's origin hook, {@code checkOrigin(String origin)}, sees the {@code Origin} header but
 * not {@code Host}, so it cannot tell the server's own page (same host and port) from a foreign one.
 */
final class HandshakeGate extends BaseFilter {

    /** Set on a connection once its upgrade request has been let through to Tyrus. */
    private static final Attribute<Boolean> PASSED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HandshakeGate.class.getName() + ".passed");

    /** RFC 6455 §4.1: the key is the base64 encoding of 16 random bytes. */
    private static final int KEY_BYTES = 16;

    private final OriginPolicy originPolicy;

    HandshakeGate(OriginPolicy originPolicy) {
        this.originPolicy = originPolicy;
    }

    /** Whether this connection's upgrade request was valid and went on to Tyrus. */
    static boolean passed(Connection<?> connection) {
        return Boolean.TRUE.equals(PASSED.get(connection));
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (passed(ctx.getConnection())) {
            return ctx.getInvokeAction(); // WebSocket frames now: Tyrus's business
        }
        HttpContent content = ctx.getMessage();
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        if (!hasToken(request.getHeader("Upgrade"), "websocket")) {
            return ctx.getInvokeAction(); // plain HTTP: the PageHandler answers
        }
        Refusal refusal = check(request);
        if (refusal == null) {
            PASSED.set(ctx.getConnection(), Boolean.TRUE);
            return ctx.getInvokeAction();
        }
        refuse(ctx, request, refusal);
        return ctx.getStopAction();
    }

    /** Null when the request is a valid upgrade to the echo, else why not. */
    Refusal check(HttpRequestPacket request) {
        String path = request.getRequestURI();
        if (!path.equals(EchoProtocol.ECHO_PATH)) {
            return new Refusal(404, "Not Found", "no WebSocket endpoint at " + path);
        }
        if (request.getMethod() != Method.GET) {
            return new Refusal(400, "Bad Request", "the upgrade must be a GET, not " + request.getMethod());
        }
        if (request.getProtocol() != Protocol.HTTP_1_1) {
            return new Refusal(400, "Bad Request", "the upgrade needs HTTP/1.1, not " + request.getProtocolString());
        }
        if (!hasToken(request.getHeader("Connection"), "upgrade")) {
            return new Refusal(400, "Bad Request", "'upgrade' token not found in 'Connection' header");
        }
        if (request.getHeader("Host") == null) {
            return new Refusal(400, "Bad Request", "missing 'Host' header");
        }
        if (!isValidKey(request)) {
            return new Refusal(400, "Bad Request", "'Sec-WebSocket-Key' must be one base64 value of 16 bytes");
        }
        String version = request.getHeader("Sec-WebSocket-Version");
        if (version == null) {
            return new Refusal(400, "Bad Request", "missing 'Sec-WebSocket-Version' header");
        }
        if (!version.trim().equals(EchoProtocol.WEBSOCKET_VERSION)) {
            // RFC 6455 §4.4: name the versions we do speak, so the client can retry with one of them.
            return new Refusal(426, "Upgrade Required", "unsupported WebSocket version " + version.trim())
                    .withVersionHeader();
        }
        if (!originPolicy.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            return new Refusal(403, "Forbidden", "origin not allowed: " + request.getHeader("Origin"));
        }
        return null;
    }

    private static boolean isValidKey(HttpRequestPacket request) {
        int count = 0;
        String key = null;
        for (String value : request.getHeaders().values("Sec-WebSocket-Key")) {
            key = value;
            count++;
        }
        if (count != 1) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A comma-separated header value (RFC 7230 §7) contains this token, ignoring case. */
    static boolean hasToken(String headerValue, String token) {
        if (headerValue == null) {
            return false;
        }
        for (String part : headerValue.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("rawtypes") // Grizzly's write takes a CompletionHandler of the raw WriteResult
    private static void refuse(FilterChainContext ctx, HttpRequestPacket request, Refusal refusal) {
        byte[] body = (refusal.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(refusal.status());
        response.setReasonPhrase(refusal.phrase());
        // Straight into the header list: HttpHeader.setHeader keeps a content type aside for Grizzly's
        // HTTP server filter to write, and this answer goes out below that filter.
        response.getHeaders().setValue("Content-Type").setString("text/plain; charset=utf-8");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        if (refusal.versionHeader()) {
            response.setHeader("Sec-WebSocket-Version", EchoProtocol.WEBSOCKET_VERSION);
        }
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

    /** An HTTP answer instead of the upgrade. */
    record Refusal(int status, String phrase, String reason, boolean versionHeader) {
        Refusal(int status, String phrase, String reason) {
            this(status, phrase, reason, false);
        }

        Refusal withVersionHeader() {
            return new Refusal(status, phrase, reason, true);
        }
    }
}
