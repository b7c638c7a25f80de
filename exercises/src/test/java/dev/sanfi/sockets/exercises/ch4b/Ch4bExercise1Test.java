package dev.sanfi.sockets.exercises.ch4b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.raw.Handshake;
import dev.sanfi.sockets.raw.HttpHead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 4b, exercise 1: 01-echo-raw's 101 to each offer, with --deflate, against the prediction. */
class Ch4bExercise1Test {

    private static HttpHead request(List<String> offerLines) throws Exception {
        StringBuilder head = new StringBuilder("GET /echo HTTP/1.1\r\nHost: localhost:8081\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        for (String line : offerLines) {
            head.append("Sec-WebSocket-Extensions: ").append(line).append("\r\n");
        }
        return HttpHead.parse(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(OfferAnswer.class)
    @DisplayName("the server upgrades, and names the predicted extension, or none; or it refuses a broken header")
    void thePredictionHolds(OfferAnswer offer) throws Exception {
        Handshake.Response response = Handshake.respond(request(offer.offer()), OriginPolicy.sameOrigin(), true);
        if (OfferAnswer.REFUSED.equals(offer.answer())) {
            assertThat(response.status()).as("RFC 6455 §9.1: a malformed header fails the connection").isEqualTo(400);
            return;
        }
        assertThat(response.status()).as("declining an offer is not refusing the connection").isEqualTo(101);

        HttpHead answer = HttpHead.parse(response.bytes());
        List<String> extensions = answer.values("Sec-WebSocket-Extensions");
        if (offer.answer() == null) {
            assertThat(extensions).as("no extension: the connection is not compressed").isEmpty();
            assertThat(response.deflate()).isNull();
        } else {
            assertThat(extensions).containsExactly(offer.answer());
            assertThat(response.deflate()).as("what the server then follows").isNotNull();
        }
    }
}
