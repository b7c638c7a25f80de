package dev.sanfi.sockets.jetty.guard;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of a client's {@code permessage-deflate} offers the server accepts (RFC 7692 §5, §7.1):
 * the first one that is valid and that the stack can keep, or none. Pure: offers in, a choice out.
 *
 * <p>A client may send several offers, most preferred first (§5.1); the server accepts at most one,
 * or declines them all and the connection goes on uncompressed (§5.1, §7). It MUST decline an offer
 * with a parameter §7.1 does not define, the same parameter twice, or a value that is not what the
 * parameter allows (§7). And it may accept only what it will honour: a server that accepts
 * {@code server_no_context_takeover} or {@code server_max_window_bits} promises to keep them, and
 * says so in its answer (§7.1.1.1, §7.1.2.1).
 */
public final class DeflateOffers {

    /** The extension's name (RFC 7692 §7). */
    public static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** §7.1.2: a decimal integer from 8 to 15, without leading zeros. */
    private static final Pattern WINDOW_BITS = Pattern.compile("8|9|1[0-5]");

    /** One parameter of an offer, its value unquoted; {@code value} is null when it has none. */
    public record Param(String name, String value) {
    }

    /** One offer of the {@code Sec-WebSocket-Extensions} header: an extension's name and its parameters, in order. */
    public record Offer(String name, List<Param> params) {
        public Offer {
            params = List.copyOf(params);
        }
    }

    private final Set<String> honoured;

    /**
     * @param honoured the parameters the stack keeps when it accepts them; an offer with any other
     *                 parameter, even a valid one, is declined
     */
    public DeflateOffers(Set<String> honoured) {
        this.honoured = Set.copyOf(honoured);
    }

    /** The first offer to accept, in the client's order of preference (§5.1), or empty to decline all. */
    public Optional<Offer> choose(List<Offer> offers) {
        return offers.stream()
                .filter(offer -> PERMESSAGE_DEFLATE.equalsIgnoreCase(offer.name()))
                .filter(offer -> valid(offer) && offer.params().stream().allMatch(param -> honoured.contains(param.name())))
                .findFirst();
    }

    /** Whether an offer keeps §7's rules: known parameters, each once, each with a value it allows. */
    static boolean valid(Offer offer) {
        Set<String> seen = new HashSet<>();
        for (Param param : offer.params()) {
            if (!seen.add(param.name()) || !validValue(param)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validValue(Param param) {
        return switch (param.name()) {
            // §7.1.1.1, §7.1.1.2: these have no value.
            case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> param.value() == null;
            // §7.1.2.1: a value is required; §7.1.2.2: the client may leave it out.
            case SERVER_MAX_WINDOW_BITS -> param.value() != null && WINDOW_BITS.matcher(param.value()).matches();
            case CLIENT_MAX_WINDOW_BITS -> param.value() == null || WINDOW_BITS.matcher(param.value()).matches();
            default -> false; // §7: a parameter not defined for an offer
        };
    }
}
