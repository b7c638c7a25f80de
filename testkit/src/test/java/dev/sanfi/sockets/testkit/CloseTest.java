package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing the server's Close body (RFC 6455 §5.5.1). */
class CloseTest {

    @Test
    void emptyBodyHasNoCode() {
        assertThat(Close.parse(new byte[0])).isEqualTo(Close.EMPTY);
        assertThat(Close.EMPTY.hasCode()).isFalse();
    }

    @Test
    void codeIsTwoBytesInNetworkOrderThenTheReason() {
        assertThat(Close.parse(new byte[] {0x03, (byte) 0xE9, 'b', 'y', 'e'})).isEqualTo(new Close(1001, "bye"));
        assertThat(Close.parse(new byte[] {(byte) 0x13, (byte) 0x87})).isEqualTo(new Close(4999, ""));
    }

    @Test
    void oneByteBodyOrInvalidUtf8ReasonIsRefused() {
        assertThatThrownBy(() -> Close.parse(new byte[] {0x03})).hasMessageContaining("1 byte");
        assertThatThrownBy(() -> Close.parse(new byte[] {0x03, (byte) 0xE8, (byte) 0xFF})).hasMessageContaining("UTF-8");
    }

    @Test
    void closeFrameAndParsedCloseAgree() {
        assertThat(Close.parse(Frame.close(3000, "é").payload())).isEqualTo(new Close(3000, "é"));
    }
}
