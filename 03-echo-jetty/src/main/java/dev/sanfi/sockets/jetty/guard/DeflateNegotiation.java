package dev.sanfi.sockets.jetty.guard;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.QuotedCSV;
import org.eclipse.jetty.util.QuotedStringTokenizer;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * The answer to a client's {@code Sec-WebSocket-Extensions}: nothing when compression is off, else at
 * most one {@code permessage-deflate} offer, the one {@link DeflateOffers} chooses; Jetty's own
 * extension then does the compressing.
 *
 * <p>Left alone, Jetty accepts the first offer of every extension it knows and drops the parameters
 * it does not keep, where RFC 7692 §7 has the server decline: {@code server_max_window_bits=10}
 * is accepted without a word (so the client expects a 1 KiB window and gets 32 KiB),
 * {@code client_max_window_bits=7} and a parameter given twice are accepted, an unknown parameter
 * fails the whole upgrade with 400, and a second, acceptable offer is never looked at. Jetty's
 * parsed offers merge a repeated parameter into one, so the offers are read from the header itself.
 */
public final class DeflateNegotiation {

    /**
     * What Jetty's permessage-deflate keeps: both no-context-takeover parameters (it answers with
     * them, §7.1.1), and {@code client_max_window_bits}, which only says the client could take a
     * limit and which Jetty leaves out of its answer (§7.1.2.2). Not {@code server_max_window_bits}:
     * Jetty cannot deflate with a smaller window, and drops the parameter from its answer.
     */
    static final DeflateOffers JETTY = new DeflateOffers(Set.of(DeflateOffers.SERVER_NO_CONTEXT_TAKEOVER,
            DeflateOffers.CLIENT_NO_CONTEXT_TAKEOVER, DeflateOffers.CLIENT_MAX_WINDOW_BITS));

    private static final QuotedStringTokenizer PARAMS = QuotedStringTokenizer.builder().delimiters(";")
            .ignoreOptionalWhiteSpace().returnQuotes().build();

    private DeflateNegotiation() {
    }

    /** The creator, answering every upgrade it accepts with the extension chosen (or none when {@code deflate} is off). */
    public static WebSocketCreator on(WebSocketCreator creator, boolean deflate) {
        return (request, response, callback) -> {
            Object endpoint = creator.createWebSocket(request, response, callback);
            if (endpoint != null) {
                List<DeflateOffers.Offer> offers = deflate
                        ? offers(request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_EXTENSIONS)) : List.of();
                response.setExtensions(JETTY.choose(offers).map(DeflateNegotiation::config).stream().toList());
            }
            return endpoint;
        };
    }

    /** The offers of the header's values, in order: comma-separated, each a name and ';'-separated parameters (RFC 6455 §9.1). */
    static List<DeflateOffers.Offer> offers(List<String> headerValues) {
        List<DeflateOffers.Offer> offers = new ArrayList<>();
        for (String offer : new QuotedCSV(true, headerValues.toArray(String[]::new))) {
            Iterator<String> parts = PARAMS.tokenize(offer);
            String name = parts.next();
            List<DeflateOffers.Param> params = new ArrayList<>();
            while (parts.hasNext()) {
                // A parameter's name is a token, so the first '=' ends it; its value may be quoted.
                String param = parts.next();
                int equals = param.indexOf('=');
                params.add(equals < 0 ? new DeflateOffers.Param(param.trim(), null)
                        : new DeflateOffers.Param(param.substring(0, equals).trim(),
                                PARAMS.unquote(param.substring(equals + 1).trim())));
            }
            offers.add(new DeflateOffers.Offer(name, params));
        }
        return offers;
    }

    /** The chosen offer as Jetty's extension config; Jetty's extension answers it with what it keeps. */
    private static ExtensionConfig config(DeflateOffers.Offer offer) {
        StringBuilder text = new StringBuilder(DeflateOffers.PERMESSAGE_DEFLATE);
        for (DeflateOffers.Param param : offer.params()) {
            text.append(';').append(param.name());
            if (param.value() != null) {
                text.append('=').append(param.value());
            }
        }
        return ExtensionConfig.parse(text.toString());
    }
}
