package dev.sanfi.sockets.jakarta.guard;

import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * What Tyrus gets to see of a client's {@code Sec-WebSocket-Extensions}: nothing when compression
 * is off, else only the one {@code permessage-deflate} offer that chapter 3's negotiation
 * ({@code 01-echo-raw}'s {@code raw.deflate.DeflateNegotiation}, RFC 7692 §5, §7) accepts, so that
 * Tyrus's extension, which then does the compressing, answers that one and no other.
 *
 * <p>Left alone, Tyrus accepts every offer of an extension it has installed, whatever its
 * parameters, and answers each with the parameters its extension returns: a bad value, an unknown
 * parameter or one named twice is accepted where §7 has the server decline the offer, and several
 * offers are all accepted where a server accepts one (§5.1). Its header parser also drops a quoted
 * parameter value and the offers after it.
 */
public final class DeflateNegotiation extends BaseFilter {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private static final Attribute<Boolean> DECIDED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(DeflateNegotiation.class.getName() + ".decided");
    private static final Attribute<DeflateParameters> AGREED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(DeflateNegotiation.class.getName() + ".agreed");

    private final boolean deflate;

    /** @param deflate whether the server compresses at all ({@code ServerSettings.deflate()}) */
    public DeflateNegotiation(boolean deflate) {
        this.deflate = deflate;
    }

    /** What this connection's upgrade agreed for permessage-deflate, as Tyrus is told it; null for nothing. */
    static DeflateParameters agreed(Connection<?> connection) {
        return AGREED.get(connection);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        if (RequestCheck.upgraded(connection) && DECIDED.get(connection) == null) {
            DECIDED.set(connection, Boolean.TRUE); // the upgrade request itself; frames follow
            HttpRequestPacket request = (HttpRequestPacket) ((HttpContent) ctx.getMessage()).getHttpHeader();
            List<String> offers = new ArrayList<>();
            request.getHeaders().values(EXTENSIONS).forEach(offers::add);
            request.getHeaders().removeHeader(EXTENSIONS);
            DeflateParameters accepted = deflate && !offers.isEmpty()
                    ? dev.sanfi.sockets.raw.deflate.DeflateNegotiation.answer(offers).accepted() : null;
            if (accepted != null) {
                // The one offer, in the words of its answer: Tyrus parses it without loss.
                request.getHeaders().addValue(EXTENSIONS).setString(accepted.headerValue());
                AGREED.set(connection, accepted);
            }
        }
        return ctx.getInvokeAction();
    }
}
