package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpcodeAndCloseCodeTest {

    @Test
    @DisplayName("§5.2: the six opcodes, and which are control frames")
    void opcodes() throws ProtocolException {
        assertThat(Opcode.of(0x1)).isEqualTo(Opcode.TEXT);
        assertThat(Opcode.of(0xA)).isEqualTo(Opcode.PONG);
        assertThat(Opcode.values()).filteredOn(Opcode::isControl).containsExactly(Opcode.CLOSE, Opcode.PING, Opcode.PONG);
        assertThatThrownBy(() -> Opcode.of(0x3)).isInstanceOf(ProtocolException.class);
    }

    @Test
    @DisplayName("§7.4: codes only for reporting are never sent; 3000–4999 are")
    void closeCodes() {
        for (CloseCode code : CloseCode.values()) {
            boolean reportOnly = code == CloseCode.RESERVED || code == CloseCode.NO_STATUS_RECEIVED
                    || code == CloseCode.ABNORMAL_CLOSURE || code == CloseCode.TLS_HANDSHAKE;
            assertThat(CloseCode.mayBeSent(code.code())).as(code.name()).isEqualTo(!reportOnly);
        }
        assertThat(CloseCode.mayBeSent(3000)).isTrue();
        assertThat(CloseCode.mayBeSent(4999)).isTrue();
        assertThat(CloseCode.mayBeSent(2999)).isFalse();
        assertThat(CloseCode.describe(1001)).isEqualTo("1001 Going Away");
        assertThat(CloseCode.describe(4000)).isEqualTo("4000");
    }
}
