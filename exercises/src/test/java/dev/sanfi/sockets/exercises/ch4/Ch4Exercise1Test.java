package dev.sanfi.sockets.exercises.ch4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.protocol.CloseState;
import dev.sanfi.sockets.raw.protocol.Connection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 4, exercise 1: the server's answer to a client's Close, predicted. */
class Ch4Exercise1Test {

    @ParameterizedTest
    @EnumSource(CloseAnswer.class)
    @DisplayName("the server answers with a Close of the predicted code, and reads nothing more")
    void thePredictionHolds(CloseAnswer close) {
        Connection server = Connection.forServer(Limits.MAX_MESSAGE_BYTES);
        byte[] frame = FrameWriter.forClient(() -> 0x37fa213d).frame(Opcode.CLOSE, close.payload());
        server.receive(frame);

        ByteBuffer answer = server.bytesToSend();
        assertThat(answer.get(0)).as("a Close frame").isEqualTo((byte) 0x88);
        if (close.answer() == CloseAnswer.EMPTY_ANSWER) {
            assertThat(answer.get(1)).as("its length").isZero();
        } else {
            assertThat(answer.getShort(2) & 0xFFFF).as("its code").isEqualTo(close.answer());
        }
        assertThat(server.state()).isEqualTo(CloseState.CLOSING);
        assertThat(server.shouldShutdownOutput()).as("then the server's FIN (§7.1.1)").isTrue();
    }
}
