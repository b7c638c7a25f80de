package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The contract's reading of a server's answer, as RFC 7692 §7 tells a client to check it. */
class NegotiatedDeflateTest {

    @Test
    void readsEachParameter() {
        assertThat(NegotiatedDeflate.parse("permessage-deflate")).isEqualTo(new NegotiatedDeflate(false, false, 0, 0));
        assertThat(NegotiatedDeflate.parse("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                + " server_max_window_bits=10; client_max_window_bits=\"12\""))
                .isEqualTo(new NegotiatedDeflate(true, true, 10, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-other", "permessage-deflate; client_max_window_bits", "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; server_max_window_bits=08", "permessage-deflate; server_no_context_takeover=1",
            "permessage-deflate; x_unknown", "permessage-deflate; client_no_context_takeover; client_no_context_takeover"})
    void refusesWhatAClientMustFailOn(String answer) {
        assertThatThrownBy(() -> NegotiatedDeflate.parse(answer)).isInstanceOf(AssertionError.class).hasMessageContaining("RFC");
    }
}
