package dev.sanfi.sockets.exercises.ch4b;

import java.util.List;

/**
 * Chapter 4b, exercise 1: a client's {@code Sec-WebSocket-Extensions} lines, and 01-echo-raw's
 * answer predicted: the {@code Sec-WebSocket-Extensions} of its 101, or none, when it declines every
 * offer (RFC 7692 §5, §7) and the connection runs uncompressed; or a 400, for a header that breaks
 * RFC 6455 §9.1's grammar.
 */
public enum OfferAnswer {

    /** A window under 15 bits for what the server compresses: java.util.zip cannot keep to it (§7.1.2.1). */
    SMALL_SERVER_WINDOW(List.of("permessage-deflate; server_max_window_bits=10"), null),
    /** The same, and a plain offer after it: the first acceptable offer wins (§5). */
    WITH_A_FALLBACK(List.of("permessage-deflate; server_max_window_bits=10, permessage-deflate"), "permessage-deflate"),
    /** "Without leading zeroes" (§7.1.2): 010 is no value, and the offer is declined. */
    LEADING_ZERO(List.of("permessage-deflate; client_max_window_bits=010"), null),
    /** A parameter named twice (§7). */
    TWICE(List.of("permessage-deflate; server_no_context_takeover; server_no_context_takeover"), null),
    /** server_max_window_bits needs a value (§7.1.2.1); client_max_window_bits does not (§7.1.2.2). */
    NO_VALUE(List.of("permessage-deflate; server_max_window_bits"), null),
    /** The no_context_takeover parameters take none (§7.1.1). */
    A_VALUE_TOO_MANY(List.of("permessage-deflate; server_no_context_takeover=true"), null),
    /** An unknown parameter declines its offer, not the next one. */
    UNKNOWN_PARAMETER(List.of("permessage-deflate; mystery, permessage-deflate; server_no_context_takeover"),
            "permessage-deflate; server_no_context_takeover"),
    /** An extension the server does not know is passed over (RFC 6455 §9.1). */
    OTHER_EXTENSION(List.of("x-webkit-deflate-frame, permessage-deflate; client_no_context_takeover"),
            "permessage-deflate; client_no_context_takeover"),
    /** Two header lines are one list, in order (RFC 9110 §5.3): 16 is out of range, 9 is not. */
    TWO_LINES(List.of("permessage-deflate; client_max_window_bits=16", "permessage-deflate; client_max_window_bits=9"),
            "permessage-deflate; client_max_window_bits=9"),
    /** A quoted value must be a token again (RFC 6455 §9.1): the header is broken, and the upgrade refused. */
    BROKEN_HEADER(List.of("permessage-deflate; client_max_window_bits=\"1 5\", permessage-deflate"), OfferAnswer.REFUSED);

    /** The answer that is no 101 at all: 400, for a header that breaks §9.1's grammar. */
    public static final String REFUSED = "400";

    private final List<String> offer;
    private final String answer;

    OfferAnswer(List<String> offer, String answer) {
        this.offer = offer;
        this.answer = answer;
    }

    /** The request's {@code Sec-WebSocket-Extensions} lines, in order. */
    public List<String> offer() {
        return offer;
    }

    /** The 101's {@code Sec-WebSocket-Extensions}, null when it has none, or {@link #REFUSED}. */
    public String answer() {
        return answer;
    }
}
