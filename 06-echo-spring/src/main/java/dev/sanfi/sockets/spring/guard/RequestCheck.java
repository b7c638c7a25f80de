package dev.sanfi.sockets.spring.guard;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.RequestRules;
import dev.sanfi.sockets.common.RequestRules.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;

/**
 * Applies {@link RequestRules} to every request before Spring's {@code DispatcherServlet} sees it (a
 * servlet filter, first in the chain), and answers each refusal itself; the page and valid upgrades
 * go on down the chain.
 *
 * <p>Spring's handshake refuses most of what RFC 6455 §4.2.1 asks, but in its own way: a POST to
 * {@code /echo} gets 405, a GET without {@code Upgrade} 400 where the contract answers 426, and an
 * HTTP/1.0 upgrade is accepted. The rules and their order live in {@code common}; this class only
 * reads the head and writes the answer with the Servlet API.
 *
 * <p>The one rule left to Spring is the origin (§10.2): the endpoints are registered with
 * {@code setAllowedOrigins} from the same {@link OriginPolicy}, so the check here lets every origin
 * through, and Spring's {@code OriginHandshakeInterceptor} answers 403. Every WebSocket endpoint of
 * the server ({@code /echo}, the STOMP one) gets the rules of {@code /echo}.
 */
public final class RequestCheck extends HttpFilter {

    private final Set<String> otherWebSocketPaths;

    /** @param otherWebSocketPaths WebSocket endpoints besides {@code /echo}, checked like it */
    public RequestCheck(Set<String> otherWebSocketPaths) {
        this.otherWebSocketPaths = Set.copyOf(otherWebSocketPaths);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (RequestRules.decide(head(request), OriginPolicy.anyOrigin()) instanceof Refusal refusal) {
            answer(refusal, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The request head as the rules read it, from Tomcat's parsed request. */
    private RequestRules.Head head(HttpServletRequest request) {
        String path = request.getRequestURI();
        String rulesPath = otherWebSocketPaths.contains(path) ? EchoProtocol.ECHO_PATH : path;
        return RequestRules.head(request.getMethod(), rulesPath, request.getProtocol(),
                name -> Collections.list(request.getHeaders(name)));
    }

    /**
     * Writes the whole refusal: status, one line of text, its length, and {@code Connection: close},
     * after which Tomcat closes the socket (RFC 9112 §9.6).
     */
    static void answer(Refusal refusal, HttpServletResponse response) throws IOException {
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refusal.status());
        refusal.headers().forEach(response::setHeader);
        response.setContentType(RequestRules.REFUSAL_CONTENT_TYPE);
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
    }
}
