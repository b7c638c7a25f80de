package dev.sanfi.sockets.jakarta.guard;

import jakarta.websocket.Extension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.tyrus.core.TyrusExtension;

/**
 * What Tyrus gets to see of a client's {@code Sec-WebSocket-Extensions}: nothing when compression
 * is off, else only the one {@code permessage-deflate} offer {@link DeflateOffers} chooses, so that
 * Tyrus's own extension, which then does the compressing, answers that one and no other.
 *
 * <p>Left alone, Tyrus accepts every offer of an extension it has installed, whatever its
 * parameters: its {@code PerMessageDeflateExtension} ignores them all and answers with none. That
 * is right for the parameters a server may ignore ({@code client_max_window_bits},
 * {@code client_no_context_takeover}), and wrong for the ones it may only accept by keeping them
 * and saying so (RFC 7692 §7.1.1.1, §7.1.2.1): Tyrus would answer {@code server_no_context_takeover}
 * and {@code server_max_window_bits=10} with a plain {@code permessage-deflate} and go on with a
 * shared 32 KiB window. Several offers would all be accepted, where a server accepts one (§5.1).
 *
 * <p>The offers are read with Tyrus's own parser, which loses quoted parameter values and whole
 * offers after them; an offer with a quote in it is therefore declined, which RFC 7692 §5.1 always
 * allows (no client known here quotes a window size).
 */
public final class DeflateNegotiation extends BaseFilter {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    /** What Tyrus's permessage-deflate keeps: only what a server may leave out of its answer. */
    static final DeflateOffers TYRUS = new DeflateOffers(Set.of(DeflateOffers.CLIENT_NO_CONTEXT_TAKEOVER,
            DeflateOffers.CLIENT_MAX_WINDOW_BITS));

    private static final Attribute<Boolean> DECIDED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(DeflateNegotiation.class.getName() + ".decided");
    private static final Attribute<Boolean> ACCEPTED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(DeflateNegotiation.class.getName() + ".accepted");

    private final boolean deflate;

    /** @param deflate whether the server compresses at all ({@code ServerSettings.deflate()}) */
    public DeflateNegotiation(boolean deflate) {
        this.deflate = deflate;
    }

    /** Whether this connection's upgrade went on to Tyrus with a permessage-deflate offer, which Tyrus accepts. */
    static boolean accepted(Connection<?> connection) {
        return Boolean.TRUE.equals(ACCEPTED.get(connection));
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (RequestCheck.upgraded(connection) && DECIDED.get(connection) == null) {
            DECIDED.set(connection, Boolean.TRUE); // the upgrade request itself; frames follow
            HttpRequestPacket request = (HttpRequestPacket) ((HttpContent) ctx.getMessage()).getHttpHeader();
            List<String> values = new ArrayList<>();
            request.getHeaders().values(EXTENSIONS).forEach(values::add);
            Optional<DeflateOffers.Offer> chosen = deflate ? TYRUS.choose(offers(values)) : Optional.empty();
            request.getHeaders().removeHeader(EXTENSIONS);
            chosen.ifPresent(offer -> {
                request.getHeaders().addValue(EXTENSIONS).setString(text(offer));
                ACCEPTED.set(connection, Boolean.TRUE);
            });
        }
        return ctx.getInvokeAction();
    }

    /** The offers of the header's values, in order, as Tyrus's parser reads them; none if any is quoted. */
    static List<DeflateOffers.Offer> offers(List<String> headerValues) {
        if (headerValues.stream().anyMatch(value -> value.indexOf('"') >= 0)) {
            return List.of();
        }
        List<DeflateOffers.Offer> offers = new ArrayList<>();
        for (Extension extension : TyrusExtension.fromHeaders(headerValues)) {
            List<DeflateOffers.Param> params = new ArrayList<>();
            for (Extension.Parameter param : extension.getParameters()) {
                params.add(new DeflateOffers.Param(param.getName().trim(),
                        param.getValue() == null ? null : param.getValue().trim()));
            }
            offers.add(new DeflateOffers.Offer(extension.getName().trim(), params));
        }
        return offers;
    }

    /** The chosen offer as the one header value Tyrus negotiates. */
    private static String text(DeflateOffers.Offer offer) {
        StringBuilder text = new StringBuilder(DeflateOffers.PERMESSAGE_DEFLATE);
        for (DeflateOffers.Param param : offer.params()) {
            text.append("; ").append(param.name());
            if (param.value() != null) {
                text.append('=').append(param.value());
            }
        }
        return text.toString();
    }
}
