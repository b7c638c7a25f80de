package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeflateOffersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "permessage-deflate",
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_max_window_bits=8",
        "permessage-deflate; client_max_window_bits=\"15\"",
        "permessage-deflate; server_max_window_bits=15; client_no_context_takeover",
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "PerMessage-Deflate; Server_No_Context_Takeover",
    })
    @DisplayName("RFC 7692 §7.1: offers with the defined parameters and valid values are kept as they came")
    void validOffersStay(String offer) {
        assertThat(DeflateOffers.acceptable(offer)).isEqualTo(offer);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits=abc",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=010",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; client_no_context_takeover=\"\"",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; max_message_size=10",
        "permessage-deflate; server_max_window_bits=10",
    })
    @DisplayName("RFC 7692 §7: an unknown parameter, an invalid value, a repeated parameter or a server window under 15 bits declines the offer")
    void invalidOffersGo(String offer) {
        assertThat(DeflateOffers.acceptable(offer)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate; client_max_window_bits=abc, permessage-deflate | permessage-deflate",
        "x-custom; a=\"1,2\", permessage-deflate;server_no_context_takeover=1 | x-custom; a=\"1,2\"",
        "permessage-deflate; server_max_window_bits=99, x-other, permessage-deflate; client_max_window_bits | x-other, permessage-deflate; client_max_window_bits",
    })
    @DisplayName("RFC 6455 §9.1: of several offers, the declined ones go and the rest keep their order; other extensions stay")
    void severalOffers(String header, String kept) {
        assertThat(DeflateOffers.acceptable(header)).isEqualTo(kept);
    }
}
