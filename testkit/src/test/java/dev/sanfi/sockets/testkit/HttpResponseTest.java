package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void switchingProtocolsHasNoBodyAndLeavesTheFramesUnread() throws IOException {
        ByteArrayInputStream in = stream("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n\u0081\u0000");
        HttpResponse response = HttpResponse.read(in);
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.reason()).isEqualTo("Switching Protocols");
        assertThat(response.header("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(response.headerHasToken("CONNECTION", "upgrade")).isTrue();
        assertThat(response.body()).isEmpty();
        assertThat(in.readAllBytes()).containsExactly(0x81, 0x00);
    }

    @Test
    void bodyIsReadByContentLength() throws IOException {
        HttpResponse response = HttpResponse.read(stream("HTTP/1.1 400 Bad Request\r\nContent-Length: 7\r\n\r\nno key\nrest"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).isEqualTo("no key\n");
    }

    @Test
    void chunkedBodyIsJoined() throws IOException {
        HttpResponse response = HttpResponse.read(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n<html\r\n1;ext=1\r\n>\r\n0\r\n\r\n"));
        assertThat(response.bodyText()).isEqualTo("<html>");
    }

    @Test
    void bodyWithoutLengthIsReadToEofWhenTheServerCloses() throws IOException {
        HttpResponse response = HttpResponse.read(stream("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npage"));
        assertThat(response.bodyText()).isEqualTo("page");
    }

    @Test
    void repeatedHeadersKeepEveryValue() throws IOException {
        HttpResponse response = HttpResponse.read(stream(
                "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 8, 7\r\n\r\n"));
        assertThat(response.headers().get("sec-websocket-version")).containsExactly("13", "8, 7");
        assertThat(response.headerHasToken("Sec-WebSocket-Version", "7")).isTrue();
    }

    @Test
    void anIncompleteHeadIsAnEofThatShowsWhatCame() {
        assertThatThrownBy(() -> HttpResponse.read(stream("HTTP/1.1 400 Bad")))
                .isInstanceOf(EOFException.class).hasMessageContaining("HTTP/1.1 400 Bad");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
