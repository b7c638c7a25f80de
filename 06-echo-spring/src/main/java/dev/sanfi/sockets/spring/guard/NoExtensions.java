package dev.sanfi.sockets.spring.guard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Hides a client's {@code Sec-WebSocket-Extensions} offer from the upgrade, so that no extension is
 * negotiated (RFC 6455 §9.1) unless the settings ask for compression.
 *
 * <p>Tomcat negotiates permessage-deflate (RFC 7692) whenever a client offers it, and Chromium always
 * does; Spring's own choice of extensions does not reach Tomcat's negotiation. This module speaks
 * plain RFC 6455 by default like the other echo servers, so that their bytes on the wire compare:
 * what the upgrade does not hear, it cannot accept.
 */
public final class NoExtensions extends HttpFilter {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request.getHeader(EXTENSIONS) == null ? request : new WithoutOffer(request), response);
    }

    private static final class WithoutOffer extends HttpServletRequestWrapper {
        WithoutOffer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !EXTENSIONS.equalsIgnoreCase(name)).toList());
        }
    }
}
