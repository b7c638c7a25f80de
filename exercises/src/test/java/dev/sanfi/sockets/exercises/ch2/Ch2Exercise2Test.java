package dev.sanfi.sockets.exercises.ch2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.raw.Handshake;
import dev.sanfi.sockets.raw.HttpHead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 2, exercise 2: the server picks a subprotocol the client offered, and names it in the 101. */
class Ch2Exercise2Test {

    private static final List<String> SPOKEN = List.of("superchat", "chat");

    private static HttpHead request(String... protocolLines) throws Exception {
        StringBuilder head = new StringBuilder("GET /echo HTTP/1.1\r\nHost: localhost:8081\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        for (String line : protocolLines) {
            head.append(line).append("\r\n");
        }
        return HttpHead.parse(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String answer(HttpHead request) {
        Handshake.Response response = Subprotocols.respond(request, OriginPolicy.sameOrigin(), SPOKEN);
        assertThat(response.status()).isEqualTo(101);
        return new String(response.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("the client's first choice that the server speaks, as one header line before the empty line")
    void theClientsFirstSpokenChoice() throws Exception {
        String answer = answer(request("Sec-WebSocket-Protocol: mqtt, chat, superchat"));
        assertThat(answer).endsWith("Sec-WebSocket-Protocol: chat\r\n\r\n");
        assertThat(answer).containsOnlyOnce("Sec-WebSocket-Protocol");
    }

    @Test
    @DisplayName("offers spread over several header lines count as one list")
    void severalHeaderLines() throws Exception {
        assertThat(answer(request("Sec-WebSocket-Protocol: mqtt", "Sec-WebSocket-Protocol: superchat")))
                .contains("Sec-WebSocket-Protocol: superchat\r\n");
    }

    @Test
    @DisplayName("no offer, no match, or a match in the wrong case: a 101 without the header")
    void none() throws Exception {
        assertThat(answer(request())).doesNotContain("Sec-WebSocket-Protocol");
        assertThat(answer(request("Sec-WebSocket-Protocol: mqtt"))).doesNotContain("Sec-WebSocket-Protocol");
        assertThat(answer(request("Sec-WebSocket-Protocol: Chat"))).doesNotContain("Sec-WebSocket-Protocol");
    }

    @Test
    @DisplayName("a refusal stays the refusal it was")
    void refusalsUnchanged() throws Exception {
        HttpHead foreign = HttpHead.parse(("GET /echo HTTP/1.1\r\nHost: localhost:8081\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Origin: http://evil.example\r\nSec-WebSocket-Protocol: chat\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Subprotocols.respond(foreign, OriginPolicy.sameOrigin(), SPOKEN).status()).isEqualTo(403);
    }
}
