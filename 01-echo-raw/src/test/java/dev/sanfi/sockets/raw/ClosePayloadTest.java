package dev.sanfi.sockets.raw;

import static dev.sanfi.sockets.raw.WireBytes.concat;
import static dev.sanfi.sockets.raw.WireBytes.of;
import static dev.sanfi.sockets.raw.WireBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClosePayloadTest {

    @Test
    @DisplayName("§5.5.1: an empty body has no code (reported as 1005) and is written back empty")
    void empty() throws ProtocolException {
        ClosePayload payload = ClosePayload.parse(new byte[0]);
        assertThat(payload.isEmpty()).isTrue();
        assertThat(payload.code()).isEqualTo(1005);
        assertThat(payload.toBytes()).isEmpty();
    }

    @Test
    @DisplayName("a code and a reason, both ways")
    void codeAndReason() throws ProtocolException {
        byte[] body = concat(of(0x03, 0xE8), utf8("bye ✓"));
        ClosePayload payload = ClosePayload.parse(body);
        assertThat(payload).isEqualTo(new ClosePayload(1000, "bye ✓"));
        assertThat(payload.toBytes()).isEqualTo(body);
        assertThat(new ClosePayload(CloseCode.GOING_AWAY, "").toBytes()).isEqualTo(of(0x03, 0xE9));
    }

    @Test
    @DisplayName("§5.5.1: a 1-byte body is a protocol error")
    void oneByte() {
        assertError(of(0x03), CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    @DisplayName("§7.4: codes that may not be sent are a protocol error")
    void invalidCodes(int code) {
        assertError(of(code >> 8, code), CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    @DisplayName("§7.4: codes that may be sent are accepted")
    void validCodes(int code) throws ProtocolException {
        assertThat(ClosePayload.parse(of(code >> 8, code)).code()).isEqualTo(code);
    }

    @Test
    @DisplayName("§8.1: a reason that is not UTF-8 fails with 1007")
    void invalidReason() {
        assertError(of(0x03, 0xE8, 0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xF4, 0x90, 0x80, 0x80), CloseCode.INVALID_PAYLOAD_DATA);
    }

    @Test
    @DisplayName("a long reason is cut to 123 bytes, never inside a character")
    void longReason() {
        byte[] bytes = new ClosePayload(1000, "é".repeat(100)).toBytes();
        assertThat(bytes).hasSize(2 + 122);
        assertThat(Utf8Validator.isValid(bytes, 2, bytes.length)).isTrue();
    }

    private static void assertError(byte[] body, CloseCode expected) {
        assertThatThrownBy(() -> ClosePayload.parse(body))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(expected));
    }
}
