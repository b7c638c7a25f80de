package dev.sanfi.sockets.jetty.guard;

import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * The answer to a client's {@code Sec-WebSocket-Extensions}: nothing when compression is off, else at
 * most one {@code permessage-deflate} offer, the one chapter 4b's negotiation
 * ({@code 01-echo-raw}'s {@code raw.deflate.DeflateNegotiation}, RFC 7692 §5, §7) accepts; Jetty's own
 * extension then does the compressing.
 *
 * <p>Left alone, Jetty accepts the first offer of every extension it knows and drops the parameters
 * it does not keep, where RFC 7692 §7 has the server decline: {@code server_max_window_bits=10}
 * is accepted without a word (so the client expects a 1 KiB window and gets 32 KiB),
 * {@code client_max_window_bits=7} and a parameter given twice are accepted, an unknown parameter
 * fails the whole upgrade with 400, and a second, acceptable offer is never looked at. Jetty's
 * parsed offers also merge a repeated parameter into one, so the negotiation reads the header's lines.
 */
public final class DeflateNegotiation {

    private DeflateNegotiation() {
    }

    /**
     * The creator, answering every upgrade it accepts with the extension chosen (or none when
     * {@code deflate} is off); with {@code deflate} on, the server's permessage-deflate becomes
     * {@link AgreedDeflateExtension}, so that the 101 says all that was agreed.
     */
    public static WebSocketCreator on(Server server, WebSocketCreator creator, boolean deflate) {
        if (deflate) {
            AgreedDeflateExtension.installOn(server);
        }
        return (request, response, callback) -> {
            Object endpoint = creator.createWebSocket(request, response, callback);
            if (endpoint != null) {
                List<String> offers = request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_EXTENSIONS);
                DeflateParameters accepted = deflate && !offers.isEmpty()
                        ? dev.sanfi.sockets.raw.deflate.DeflateNegotiation.answer(offers).accepted() : null;
                // The one offer, in the words of its answer: Jetty's extension is made with it, and answers it.
                response.setExtensions(accepted == null ? List.of() : List.of(ExtensionConfig.parse(accepted.headerValue())));
            }
            return endpoint;
        };
    }
}
