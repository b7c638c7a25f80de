package dev.sanfi.sockets.raw.deflate;

import dev.sanfi.sockets.common.ExtensionHeader;
import dev.sanfi.sockets.common.ExtensionHeader.Extension;
import dev.sanfi.sockets.common.ExtensionHeader.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The offer and the answer of permessage-deflate in {@code Sec-WebSocket-Extensions} (RFC 7692 §5,
 * §7.1): which offer a server takes and what it answers, what a client offers and how it checks the
 * answer. Pure: header values in, {@link DeflateParameters} out.
 *
 * <p>The server takes the first offer it can accept (§5: "the order of elements is important as it
 * specifies the client's preference") and declines every offer §7 tells it to: one with a parameter
 * not defined for an offer, one with an invalid value, one that names a parameter twice, and one
 * whose configuration it does not support. This server does not support a window smaller than
 * 32 KiB for what it compresses: {@link java.util.zip.Deflater} always compresses with 15 bits, so it
 * could not keep to {@code server_max_window_bits} below 15 (§7.1.2.1 says that a server that cannot
 * declines). Every window is fine for what it inflates, since {@link java.util.zip.Inflater} reads
 * any window up to 32 KiB.
 */
public final class DeflateNegotiation {

    /** What a client of this module offers: Chromium's offer, context takeover both ways. */
    public static final String CLIENT_OFFER = DeflateParameters.EXTENSION + "; client_max_window_bits";

    private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private DeflateNegotiation() {
    }

    /**
     * A server's decision on a request's offers.
     *
     * @param accepted what to answer and then follow; null when no offer was accepted (the 101 then
     *                 names no extension and the connection is not compressed)
     * @param declined why each permessage-deflate offer before the accepted one was declined, in order
     */
    public record Answer(DeflateParameters accepted, List<String> declined) {

        public Answer {
            declined = List.copyOf(declined);
        }
    }

    /**
     * The server's side: takes the first acceptable permessage-deflate offer of the request's
     * {@code Sec-WebSocket-Extensions} lines. Other extensions are not known here and are passed over;
     * a field that breaks the grammar of RFC 6455 §9.1 is declined as a whole, since where one of its
     * offers ends cannot be told.
     */
    public static Answer answer(List<String> offerLines) {
        List<Extension> offers;
        try {
            offers = ExtensionHeader.parse(offerLines);
        } catch (ExtensionHeader.MalformedException e) {
            return new Answer(null, List.of(e.getMessage()));
        }
        List<String> declined = new ArrayList<>();
        for (Extension offer : offers) {
            if (!offer.name().equals(DeflateParameters.EXTENSION)) {
                continue;
            }
            try {
                return new Answer(accept(offer), declined);
            } catch (DeclinedException e) {
                declined.add("offer " + (declined.size() + 1) + " declined: " + e.getMessage());
            }
        }
        return new Answer(null, declined);
    }

    /** §7.1: what the server answers to one offer it can accept. */
    private static DeflateParameters accept(Extension offer) throws DeclinedException {
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverWindowBits = 0;
        int clientWindowBits = 0;
        Set<String> seen = new HashSet<>();
        for (Parameter parameter : offer.parameters()) {
            String name = parameter.name();
            if (!seen.add(name)) {
                throw new DeclinedException(name + " twice (RFC 7692 §7)");
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    noValue(parameter);
                    serverNoContextTakeover = true;       // §7.1.1.1: accepted by naming it in the answer
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    noValue(parameter);
                    clientNoContextTakeover = true;       // §7.1.1.2: named back, so that our inflater may
                }                                         // drop the client's window between messages
                case SERVER_MAX_WINDOW_BITS -> {
                    if (parameter.value() == null) {
                        throw new DeclinedException(name + " needs a value (RFC 7692 §7.1.2.1)");
                    }
                    serverWindowBits = windowBits(parameter);
                    if (serverWindowBits < DeflateParameters.MAX_WINDOW_BITS) {
                        throw new DeclinedException(name + "=" + serverWindowBits + ": java.util.zip "
                                + "compresses with a 15-bit window only (RFC 7692 §7.1.2.1 lets a server decline)");
                    }
                }
                // §7.1.2.2: without a value the client only says it could keep to a limit; we set none.
                // With one we name it back: any window suits our inflater, and the answer then says
                // what the client really uses.
                case CLIENT_MAX_WINDOW_BITS -> clientWindowBits = parameter.value() == null ? 0 : windowBits(parameter);
                default -> throw new DeclinedException(name + " is not a parameter of permessage-deflate"
                        + " (RFC 7692 §7)");
            }
        }
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, serverWindowBits, clientWindowBits);
    }

    /**
     * The client's side: checks the 101's {@code Sec-WebSocket-Extensions} against {@link #CLIENT_OFFER}
     * as RFC 7692 §7 says a client must, and returns what to follow.
     *
     * @return the agreed parameters, or null when the server named no extension (not compressed)
     * @throws IllegalArgumentException for an answer the client must fail the connection on: another
     *                                  extension, two of them, a parameter not defined for a response,
     *                                  one named twice, or a value out of range
     */
    public static DeflateParameters readAnswer(List<String> answerLines) {
        List<Extension> answer;
        try {
            answer = ExtensionHeader.parse(answerLines);
        } catch (ExtensionHeader.MalformedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (answer.isEmpty()) {
            return null;
        }
        if (answer.size() != 1 || !answer.get(0).name().equals(DeflateParameters.EXTENSION)) {
            throw new IllegalArgumentException("the server answered extensions we did not offer: " + String.join(", ", answerLines)
                    + " (RFC 6455 §9.1)");
        }
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverWindowBits = 0;
        int clientWindowBits = 0;
        Set<String> seen = new HashSet<>();
        try {
            for (Parameter parameter : answer.get(0).parameters()) {
                if (!seen.add(parameter.name())) {
                    throw new DeclinedException(parameter.name() + " twice");
                }
                switch (parameter.name()) {
                    case SERVER_NO_CONTEXT_TAKEOVER -> {
                        noValue(parameter);
                        serverNoContextTakeover = true;
                    }
                    case CLIENT_NO_CONTEXT_TAKEOVER -> {
                        noValue(parameter);
                        clientNoContextTakeover = true;
                    }
                    case SERVER_MAX_WINDOW_BITS -> serverWindowBits = windowBits(parameter);   // §7.1.2.1: a server may
                    case CLIENT_MAX_WINDOW_BITS -> clientWindowBits = windowBits(parameter);   // §7.1.2.2: with a value
                    default -> throw new DeclinedException(parameter.name() + " is not defined for an answer");
                }
            }
        } catch (DeclinedException e) {
            throw new IllegalArgumentException("the server's permessage-deflate answer fails the connection: "
                    + e.getMessage() + " (RFC 7692 §7)", e);
        }
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, serverWindowBits, clientWindowBits);
    }

    /** §7.1.1: the no_context_takeover parameters have no value. */
    private static void noValue(Parameter parameter) throws DeclinedException {
        if (parameter.value() != null) {
            throw new DeclinedException(parameter.name() + " has no value, got '" + parameter.value()
                    + "' (RFC 7692 §7.1.1)");
        }
    }

    /** §7.1.2: "a decimal integer value without leading zeroes between 8 to 15, inclusive". */
    private static int windowBits(Parameter parameter) throws DeclinedException {
        String value = parameter.value();
        if (value == null || !value.matches("[1-9][0-9]?")
                || Integer.parseInt(value) < DeflateParameters.MIN_WINDOW_BITS
                || Integer.parseInt(value) > DeflateParameters.MAX_WINDOW_BITS) {
            throw new DeclinedException(parameter.name() + "=" + value
                    + " is not a decimal from 8 to 15 without leading zeros (RFC 7692 §7.1.2)");
        }
        return Integer.parseInt(value);
    }

    /** One offer (or answer) that cannot be taken, and why. */
    private static final class DeclinedException extends Exception {

        DeclinedException(String reason) {
            super(reason);
        }
    }
}
