package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandshakeRequestTest {

    @Test
    void upgradeIsTheRfcOpeningHandshake() {
        assertThat(HandshakeRequest.upgrade("127.0.0.1:8081").text()).isEqualTo(
                "GET /echo HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:8081\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n"
                        + "\r\n");
    }

    @Test
    void changesReplaceOrRemoveHeadersIgnoringCaseAndKeepTheOriginal() {
        HandshakeRequest valid = HandshakeRequest.upgrade("h:1");
        HandshakeRequest changed = valid.withMethod("POST").withHttpVersion("HTTP/1.0").withTarget("/x")
                .withHeader("sec-websocket-version", "8").withoutHeader("UPGRADE").withHeader("Origin", "http://o");
        assertThat(changed.text()).isEqualTo(
                "POST /x HTTP/1.0\r\n"
                        + "Host: h:1\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "sec-websocket-version: 8\r\n"
                        + "Origin: http://o\r\n"
                        + "\r\n");
        assertThat(valid.header("Upgrade")).isEqualTo("websocket");
        assertThat(changed.header("Upgrade")).isNull();
        assertThat(changed.header("SEC-WEBSOCKET-VERSION")).isEqualTo("8");
    }
}
