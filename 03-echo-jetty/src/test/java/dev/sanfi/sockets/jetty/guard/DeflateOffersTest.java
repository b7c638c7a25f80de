package dev.sanfi.sockets.jetty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeflateOffersTest {

    private static final DeflateOffers EVERYTHING = new DeflateOffers(Set.of(DeflateOffers.SERVER_NO_CONTEXT_TAKEOVER,
            DeflateOffers.CLIENT_NO_CONTEXT_TAKEOVER, DeflateOffers.SERVER_MAX_WINDOW_BITS, DeflateOffers.CLIENT_MAX_WINDOW_BITS));

    private static List<DeflateOffers.Offer> header(String... values) {
        return DeflateNegotiation.offers(List.of(values));
    }

    @ParameterizedTest
    @ValueSource(strings = {"permessage-deflate; client_max_window_bits", "permessage-deflate; client_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=8", "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; client_max_window_bits=\"9\""})
    @DisplayName("RFC 7692 §7.1: every parameter once, with a value it allows, is valid")
    void validOffers(String offer) {
        assertThat(EVERYTHING.choose(header(offer))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"permessage-deflate; server_max_window_bits", "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=010", "permessage-deflate; client_no_context_takeover=yes",
        "permessage-deflate; client_max_window_bits; client_max_window_bits", "permessage-deflate; x=1"})
    @DisplayName("RFC 7692 §7: an unknown parameter, one given twice, or a value it does not allow is declined")
    void invalidOffers(String offer) {
        assertThat(EVERYTHING.choose(header(offer))).isEmpty();
    }

    @Test
    @DisplayName("RFC 7692 §5.1: the first acceptable offer wins, across header lines too")
    void firstAcceptableOfferWins() {
        assertThat(EVERYTHING.choose(header("x-webkit-deflate-frame, permessage-deflate; bad",
                "permessage-deflate; client_no_context_takeover", "permessage-deflate")))
                .hasValue(new DeflateOffers.Offer("permessage-deflate",
                        List.of(new DeflateOffers.Param(DeflateOffers.CLIENT_NO_CONTEXT_TAKEOVER, null))));
    }

    @Test
    @DisplayName("a valid parameter the stack cannot keep declines the offer")
    void parameterTheStackCannotKeep() {
        DeflateOffers noWindows = new DeflateOffers(Set.of(DeflateOffers.CLIENT_NO_CONTEXT_TAKEOVER));
        assertThat(noWindows.choose(header("permessage-deflate; server_max_window_bits=10"))).isEmpty();
        assertThat(noWindows.choose(header("permessage-deflate; server_max_window_bits=10, permessage-deflate")))
                .hasValue(new DeflateOffers.Offer("permessage-deflate", List.of()));
    }
}
