package dev.sanfi.sockets.raw.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 §5 and §7.1: what the server answers to each offer, and what the client accepts as an answer. */
class DeflateNegotiationTest {

    /** The element the server answers, or null for none. */
    private static String answer(String... offerLines) {
        DeflateParameters accepted = DeflateNegotiation.answer(List.of(offerLines)).accepted();
        return accepted == null ? null : accepted.headerValue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            permessage-deflate                                      | permessage-deflate
            permessage-deflate; server_no_context_takeover          | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_no_context_takeover          | permessage-deflate; client_no_context_takeover
            permessage-deflate; client_no_context_takeover; server_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate; server_max_window_bits=15           | permessage-deflate; server_max_window_bits=15
            permessage-deflate; client_max_window_bits              | permessage-deflate
            permessage-deflate; client_max_window_bits=10           | permessage-deflate; client_max_window_bits=10
            permessage-deflate; client_max_window_bits="8"          | permessage-deflate; client_max_window_bits=8
            permessage-deflate;client_max_window_bits=15;server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15; client_max_window_bits=15
            """)
    @DisplayName("§7.1: each parameter set is accepted and answered")
    void eachParameterSetIsAnswered(String offer, String expected) {
        assertThat(answer(offer)).isEqualTo(expected);
    }

    @Test
    @DisplayName("§7.1.2.2: client_max_window_bits without a value is not named in the answer; with one it is named back")
    void clientWindow() {
        assertThat(DeflateNegotiation.answer(List.of("permessage-deflate; client_max_window_bits")).accepted())
                .isEqualTo(DeflateParameters.DEFAULT);
        assertThat(DeflateNegotiation.answer(List.of("permessage-deflate; client_max_window_bits=9")).accepted().clientWindowBits())
                .isEqualTo(9);
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 12, 14})
    @DisplayName("§7.1.2.1: a server window under 15 bits is declined, saying why: java.util.zip compresses with 15")
    void smallServerWindowIsDeclined(int bits) {
        DeflateNegotiation.Answer answer = DeflateNegotiation.answer(List.of("permessage-deflate; server_max_window_bits=" + bits));
        assertThat(answer.accepted()).isNull();
        assertThat(answer.declined()).singleElement().asString().contains("java.util.zip", "§7.1.2.1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "permessage-deflate; server_max_window_bits",
            "permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; server_max_window_bits=015",
            "permessage-deflate; server_max_window_bits=fifteen",
            "permessage-deflate; client_max_window_bits=7",
            "permessage-deflate; client_max_window_bits=16",
            "permessage-deflate; client_max_window_bits=09",
            "permessage-deflate; server_no_context_takeover=1",
            "permessage-deflate; client_no_context_takeover=\"x\"",
            "permessage-deflate; x_unknown",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
            "x-webkit-deflate-frame",
            "permessage-deflate; x=\"unclosed",
            "PERMESSAGE-DEFLATE"})
    @DisplayName("§7: an offer with an unknown, repeated or invalid parameter is declined; other extensions are passed over")
    void badOffersAreDeclined(String offer) {
        assertThat(answer(offer)).isNull();
    }

    @Test
    @DisplayName("§5: of several offers the first acceptable one is taken; the ones before it are declined, each with its reason")
    void severalOffers() {
        DeflateNegotiation.Answer answer = DeflateNegotiation.answer(List.of(
                "x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=10",
                "permessage-deflate; x_unknown, permessage-deflate; client_no_context_takeover, permessage-deflate"));
        assertThat(answer.accepted().headerValue()).isEqualTo("permessage-deflate; client_no_context_takeover");
        assertThat(answer.declined()).hasSize(2);
        assertThat(answer.declined().get(0)).startsWith("offer 1 declined: server_max_window_bits=10");
        assertThat(answer.declined().get(1)).startsWith("offer 2 declined: x_unknown");
        assertThat(answer("permessage-deflate; server_no_context_takeover, permessage-deflate"))
                .isEqualTo("permessage-deflate; server_no_context_takeover");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            permessage-deflate                                               | false | false | 15 | 15
            permessage-deflate; server_no_context_takeover                   | true  | false | 15 | 15
            permessage-deflate; client_no_context_takeover                   | false | true  | 15 | 15
            permessage-deflate; server_max_window_bits=10                    | false | false | 10 | 15
            permessage-deflate; client_max_window_bits=9                     | false | false | 15 | 9
            """)
    @DisplayName("§7: the client reads each valid answer into the parameters it follows")
    void clientReadsAnAnswer(String answer, boolean serverNoContext, boolean clientNoContext, int serverBits, int clientBits) {
        DeflateParameters agreed = DeflateNegotiation.readAnswer(List.of(answer));
        assertThat(agreed.serverNoContextTakeover()).isEqualTo(serverNoContext);
        assertThat(agreed.clientNoContextTakeover()).isEqualTo(clientNoContext);
        assertThat(agreed.serverWindowBits()).isEqualTo(serverBits);
        assertThat(agreed.clientWindowBits()).isEqualTo(clientBits);
        assertThat(DeflateNegotiation.readAnswer(List.of())).as("no extension answered: not compressed").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x-other", "permessage-deflate, permessage-deflate", "permessage-deflate; client_max_window_bits",
            "permessage-deflate; server_max_window_bits=16", "permessage-deflate; x_unknown",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; server_no_context_takeover=1", "permessage-deflate; ="})
    @DisplayName("§7: an answer a client must fail the connection on is refused")
    void clientRefusesABadAnswer(String answer) {
        assertThatThrownBy(() -> DeflateNegotiation.readAnswer(List.of(answer))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the client offers what Chromium offers")
    void clientOffer() {
        assertThat(DeflateNegotiation.CLIENT_OFFER).isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(answer(DeflateNegotiation.CLIENT_OFFER)).isEqualTo("permessage-deflate");
    }
}
