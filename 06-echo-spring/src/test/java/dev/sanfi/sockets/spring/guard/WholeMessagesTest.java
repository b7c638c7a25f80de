package dev.sanfi.sockets.spring.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/** The parts Tomcat hands a partial handler, joined into the messages the echo sees. */
class WholeMessagesTest {

    private final List<WebSocketMessage<?>> handled = new ArrayList<>();
    private final List<CloseStatus> closes = new ArrayList<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private final WebSocketSession session = session();
    private final WebSocketHandler joining = WholeMessages.joining(new AbstractWebSocketHandler() {
        @Override
        public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
            handled.add(message);
        }
    }, 10);

    @Test
    @DisplayName("Tomcat is told to hand over parts, so its buffer per session can stay small")
    void asksForParts() {
        assertThat(joining.supportsPartialMessages()).isTrue();
    }

    @Test
    @DisplayName("text parts are joined into one message, and a Pong between them passes on its own")
    void joinsText() throws Exception {
        joining.handleMessage(session, new TextMessage("abc", false));
        joining.handleMessage(session, new PongMessage());
        joining.handleMessage(session, new TextMessage("def", true));

        assertThat(handled).hasSize(2);
        assertThat(handled.get(0)).isInstanceOf(PongMessage.class);
        assertThat(handled.get(1)).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) handled.get(1)).getPayload()).isEqualTo("abcdef");
        assertThat(handled.get(1).isLast()).isTrue();
        assertThat(closes).isEmpty();
    }

    @Test
    @DisplayName("binary parts are joined into the same bytes, and the next message starts afresh")
    void joinsBinary() throws Exception {
        joining.handleMessage(session, new BinaryMessage(ByteBuffer.wrap(new byte[] {1, 2, 3}), false));
        joining.handleMessage(session, new BinaryMessage(ByteBuffer.wrap(new byte[] {4, 5}), true));
        joining.handleMessage(session, new BinaryMessage(new byte[] {6}));

        assertThat(handled).extracting(message -> bytes((BinaryMessage) message))
                .containsExactly(new byte[] {1, 2, 3, 4, 5}, new byte[] {6});
    }

    @Test
    @DisplayName("at the limit a message is handled; one byte over, the session is closed with 1009 and nothing is handled")
    void refusesPastTheLimit() throws Exception {
        joining.handleMessage(session, new TextMessage("12345", false));
        joining.handleMessage(session, new TextMessage("67890", true));
        joining.handleMessage(session, new TextMessage("12345", false));
        joining.handleMessage(session, new TextMessage("678901", false));
        joining.handleMessage(session, new TextMessage("the rest", true));

        assertThat(handled).hasSize(1);
        assertThat(closes).extracting(CloseStatus::getCode).containsExactly(1009);
    }

    @Test
    @DisplayName("a single part over the limit is refused too (a limit under Tomcat's buffer)")
    void refusesOnePartOverTheLimit() throws Exception {
        joining.handleMessage(session, new BinaryMessage(new byte[11]));

        assertThat(handled).isEmpty();
        assertThat(closes).extracting(CloseStatus::getCode).containsExactly(1009);
    }

    @Test
    @DisplayName("text counts in UTF-8 bytes, not chars: four chars of three bytes each are 12 bytes, over a limit of 10")
    void countsTextInBytes() throws Exception {
        joining.handleMessage(session, new TextMessage("日本語の", true));

        assertThat(handled).isEmpty();
        assertThat(closes).extracting(CloseStatus::getCode).containsExactly(1009);
    }

    @Test
    @DisplayName("the UTF-8 length matches the JDK's encoder, also for a surrogate pair split over two parts")
    void utf8Length() {
        for (String text : List.of("", "ascii", "é", "€", "日本語", "😀", "a😀é€")) {
            assertThat(WholeMessages.utf8Bytes(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        String emoji = "😀";
        assertThat(WholeMessages.utf8Bytes(emoji.substring(0, 1)) + WholeMessages.utf8Bytes(emoji.substring(1))).isEqualTo(4);
    }

    private static byte[] bytes(BinaryMessage message) {
        ByteBuffer payload = message.getPayload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return bytes;
    }

    /** A session with attributes that records its closes: all the decorator touches. */
    private WebSocketSession session() {
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WebSocketSession.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAttributes" -> attributes;
                    case "close" -> {
                        closes.add((CloseStatus) arguments[0]);
                        yield null;
                    }
                    case "getId" -> "test";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
