package dev.sanfi.sockets.exercises.ch2;

import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.raw.Handshake;
import dev.sanfi.sockets.raw.HttpHead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Chapter 2, exercise 2: {@code Sec-WebSocket-Protocol} negotiation on top of 01-echo-raw's
 * {@link Handshake}. The client offers subprotocols in its order of preference (§4.1); the server
 * picks one it speaks, or none, and names it in the 101 (§4.2.2, steps 4 and 5.5). Names are compared
 * exactly, case included (RFC 7936: only the registry ignores case).
 */
public final class Subprotocols {

    private Subprotocols() {
    }

    /** The first subprotocol the client offers that the server speaks; empty if there is none. */
    public static Optional<String> choose(HttpHead request, List<String> spoken) {
        // The header may come as one comma-separated list, as several header lines, or both.
        return request.values("Sec-WebSocket-Protocol").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::strip)
                .filter(spoken::contains)
                .findFirst();
    }

    /**
     * 01-echo-raw's answer to {@code request}, with the chosen subprotocol in a 101. Without a
     * match the upgrade still succeeds, with no subprotocol: whether the client then goes on is its
     * decision, not the server's.
     */
    public static Handshake.Response respond(HttpHead request, OriginPolicy origins, List<String> spoken) {
        Handshake.Response answer = Handshake.respond(request, origins);
        Optional<String> chosen = choose(request, spoken);
        if (!answer.upgraded() || chosen.isEmpty()) {
            return answer;
        }
        String head = new String(answer.bytes(), StandardCharsets.ISO_8859_1);
        String withProtocol = head.substring(0, head.length() - 2)     // before the empty line
                + "Sec-WebSocket-Protocol: " + chosen.get() + "\r\n\r\n";
        return new Handshake.Response(101, withProtocol.getBytes(StandardCharsets.ISO_8859_1));
    }
}
