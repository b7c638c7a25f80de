package dev.sanfi.sockets.chat.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.guard.RequestHeadLimit.State;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestHeadLimitTest {

    private static final String HEAD = "GET /chat?name=a HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n";

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("RFC 6455 §4.1: the head ends at the empty line; the bytes after it (frames) are left unread")
    void headEndsAtTheEmptyLine() {
        RequestHeadLimit limit = new RequestHeadLimit(8192);
        ByteBuffer input = bytes(HEAD + "FRAME");
        assertThat(limit.feed(input)).isEqualTo(State.COMPLETE);
        assertThat(input.remaining()).isEqualTo("FRAME".length());
    }

    @Test
    @DisplayName("a head that arrives one byte at a time is complete only at its last byte")
    void byteByByte() {
        RequestHeadLimit limit = new RequestHeadLimit(8192);
        byte[] head = HEAD.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < head.length - 1; i++) {
            assertThat(limit.feed(ByteBuffer.wrap(head, i, 1))).as("after byte %d", i).isEqualTo(State.INCOMPLETE);
        }
        assertThat(limit.feed(ByteBuffer.wrap(head, head.length - 1, 1))).isEqualTo(State.COMPLETE);
    }

    @Test
    @DisplayName("a lone CR, LF or CRLF inside the head does not end it")
    void onlyCrlfCrlfEndsTheHead() {
        RequestHeadLimit limit = new RequestHeadLimit(8192);
        assertThat(limit.feed(bytes("GET / HTTP/1.1\r\nA: b\rc\n\r\r\n"))).isEqualTo(State.INCOMPLETE);
        assertThat(limit.feed(bytes("\r\n"))).isEqualTo(State.COMPLETE);
    }

    @Test
    @DisplayName("a head of exactly the limit is accepted; one byte more is too large")
    void theLimitIsInclusive() {
        String filler = "X: " + "a".repeat(100 - HEAD.length() - 5) + "\r\n";
        String exact = HEAD.substring(0, HEAD.length() - 2) + filler + "\r\n";
        assertThat(exact).hasSize(100);
        assertThat(new RequestHeadLimit(100).feed(bytes(exact))).isEqualTo(State.COMPLETE);
        assertThat(new RequestHeadLimit(99).feed(bytes(exact))).isEqualTo(State.TOO_LARGE);
    }

    @Test
    @DisplayName("10,000 headers are refused after the limit, without reading the rest")
    void manyHeadersAreTooLarge() {
        StringBuilder head = new StringBuilder("GET /chat HTTP/1.1\r\n");
        for (int i = 0; i < 10_000; i++) {
            head.append("X-").append(i).append(": v\r\n");
        }
        ByteBuffer input = bytes(head.append("\r\n").toString());
        RequestHeadLimit limit = new RequestHeadLimit(8192);
        assertThat(limit.feed(input)).isEqualTo(State.TOO_LARGE);
        assertThat(input.position()).isEqualTo(8192);
        assertThat(limit.feed(bytes("\r\n\r\n"))).as("the decision stays").isEqualTo(State.TOO_LARGE);
    }
}
