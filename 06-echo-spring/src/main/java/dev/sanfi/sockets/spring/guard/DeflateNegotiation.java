package dev.sanfi.sockets.spring.guard;

import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.tomcat.websocket.server.WsHttpUpgradeHandler;

/**
 * The client's {@code Sec-WebSocket-Extensions} as Tomcat's upgrade reads it: nothing when compression
 * is off, else at most one {@code permessage-deflate} offer, the one chapter 4b's negotiation
 * ({@code 01-echo-raw}'s {@code raw.deflate.DeflateNegotiation}, RFC 7692 §5, §7) accepts, in the
 * words of its answer. Tomcat's own permessage-deflate is made with that offer, answers it and
 * compresses; the upgrade of such a request is done by {@link DeflateUpgradeHandler}, which holds
 * Tomcat's extension to the one rule of RFC 7692 §6.1 it does not keep.
 *
 * <p>Left alone, Tomcat negotiates permessage-deflate whenever a client offers it (Chromium always
 * does): Spring filters the extensions it passes on, but Tomcat's upgrade reads the request's header
 * itself, so what it must not accept it must not hear. And Tomcat's negotiation fails the whole
 * upgrade with 500 for an offer with an unknown parameter, a parameter named twice or a window out of
 * range, where RFC 7692 §7 has the server decline that offer and look at the next; it accepts
 * {@code server_no_context_takeover=1}, which §7.1.1.1 gives no value.
 */
public final class DeflateNegotiation extends HttpFilter {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private final boolean deflate;

    /** @param deflate whether the settings ask for compression ({@code ServerSettings.deflate()}) */
    public DeflateNegotiation(boolean deflate) {
        this.deflate = deflate;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        List<String> offers = Collections.list(request.getHeaders(EXTENSIONS));
        if (offers.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        DeflateParameters accepted = deflate ? dev.sanfi.sockets.raw.deflate.DeflateNegotiation.answer(offers).accepted() : null;
        chain.doFilter(new WithAcceptedOffer(request, accepted == null ? null : accepted.headerValue()), response);
    }

    /** The request, its extension offers replaced by the accepted one, or by none. */
    private static final class WithAcceptedOffer extends HttpServletRequestWrapper {
        private final String offer;

        WithAcceptedOffer(HttpServletRequest request, String offer) {
            super(request);
            this.offer = offer;
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? offer : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!EXTENSIONS.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return offer == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(offer));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            if (offer != null) {
                return super.getHeaderNames();
            }
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !EXTENSIONS.equalsIgnoreCase(name)).toList());
        }

        /** Tomcat's WebSocket upgrade asks for its handler by class; with an accepted offer it gets the checking one. */
        @Override
        public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws IOException, ServletException {
            if (offer != null && handlerClass == WsHttpUpgradeHandler.class) {
                return handlerClass.cast(super.upgrade(DeflateUpgradeHandler.class));
            }
            return super.upgrade(handlerClass);
        }
    }
}
