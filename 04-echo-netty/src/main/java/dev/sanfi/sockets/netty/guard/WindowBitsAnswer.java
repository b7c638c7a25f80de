package dev.sanfi.sockets.netty.guard;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Netty's permessage-deflate handshaker, with the one parameter it leaves out of its answer put
 * back. "A server accepts an extension negotiation offer with this parameter by including the
 * server_max_window_bits extension parameter in the extension negotiation response ... with the
 * same or smaller value as the offer" (RFC 7692 §7.1.2.1) — Netty names the window only when it is
 * smaller than 15 bits, so its answer to {@code server_max_window_bits=15} reads to the client as if
 * the parameter had been ignored. The window it compresses with is 15 bits, the JDK's only one; an
 * offer of a smaller one never gets here ({@link DeflateNegotiation} declines it).
 */
public final class WindowBitsAnswer implements WebSocketServerExtensionHandshaker {

    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

    private final WebSocketServerExtensionHandshaker netty;

    public WindowBitsAnswer(WebSocketServerExtensionHandshaker netty) {
        this.netty = netty;
    }

    @Override
    public WebSocketServerExtension handshakeExtension(WebSocketExtensionData offer) {
        WebSocketServerExtension accepted = netty.handshakeExtension(offer);
        if (accepted == null || offer.parameters().keySet().stream().noneMatch(SERVER_MAX_WINDOW_BITS::equalsIgnoreCase)) {
            return accepted;
        }
        return new WebSocketServerExtension() {
            @Override
            public int rsv() {
                return accepted.rsv();
            }

            @Override
            public WebSocketExtensionEncoder newExtensionEncoder() {
                return accepted.newExtensionEncoder();
            }

            @Override
            public WebSocketExtensionDecoder newExtensionDecoder() {
                return accepted.newExtensionDecoder();
            }

            @Override
            public WebSocketExtensionData newReponseData() {
                WebSocketExtensionData answer = accepted.newReponseData();
                Map<String, String> parameters = new LinkedHashMap<>(answer.parameters());
                parameters.putIfAbsent(SERVER_MAX_WINDOW_BITS, "15");
                return new WebSocketExtensionData(answer.name(), parameters);
            }
        };
    }
}
