package dev.sanfi.sockets.exercises.ch7;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 7, exercise 2: an upgrade that offers none of the server's subprotocols is refused with 400. */
class Ch7Exercise2Test {

    private static final WebSocketServerProtocolConfig CHAT_V2 = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/echo").subprotocols("chat.v2").build();

    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private String answer(boolean gate, String... offer) {
        List<ChannelHandler> handlers = gate ? List.of(new SubprotocolGate(List.of("chat.v2"))) : List.of();
        channel = new EmbeddedChannel(new TextbookPipeline(CHAT_V2, () -> handlers));
        channel.writeInbound(Embedded.upgradeRequest(offer));
        return Embedded.outboundText(channel);
    }

    @Test
    @DisplayName("chat.v1, chat.v2 offered: 101 with chat.v2")
    void oneInCommon() {
        assertThat(answer(true, "Sec-WebSocket-Protocol: chat.v1, chat.v2"))
                .startsWith("HTTP/1.1 101 ").containsIgnoringCase("sec-websocket-protocol: chat.v2\r\n");
    }

    @Test
    @DisplayName("the offer on two lines is one list: 101 with chat.v2")
    void twoLines() {
        assertThat(answer(true, "Sec-WebSocket-Protocol: chat.v1", "Sec-WebSocket-Protocol: chat.v2"))
                .startsWith("HTTP/1.1 101 ").containsIgnoringCase("sec-websocket-protocol: chat.v2\r\n");
    }

    @Test
    @DisplayName("why the gate joins the lines: Netty's handshaker alone reads only the first line, and picks nothing")
    void nettyAloneReadsOneLine() {
        assertThat(answer(false, "Sec-WebSocket-Protocol: chat.v1", "Sec-WebSocket-Protocol: chat.v2"))
                .startsWith("HTTP/1.1 101 ").doesNotContainIgnoringCase("sec-websocket-protocol");
    }

    @Test
    @DisplayName("only chat.v1, only CHAT.V2, or no offer at all: 400, a complete answer, and the connection closed")
    void refused() {
        for (String[] offer : new String[][] {{"Sec-WebSocket-Protocol: chat.v1"}, {"Sec-WebSocket-Protocol: CHAT.V2"}, {}}) {
            String response = answer(true, offer);
            assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n").containsIgnoringCase("content-length: ")
                    .endsWith("it speaks [chat.v2]\n");
            assertThat(channel.isOpen()).isFalse();
            channel.finishAndReleaseAll();
        }
    }
}
