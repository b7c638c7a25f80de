package dev.sanfi.sockets.exercises.ch3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 3, exercise 1: one byte changed, and the close code the server answers with, predicted. */
class Ch3Exercise1Test {

    @Test
    @DisplayName("unchanged, the RFC's masked frame is the message Hello")
    void theOriginalIsHello() {
        Connection server = Connection.forServer(OneByteChange.SERVER_LIMIT);
        assertThat(server.receive(OneByteChange.MASKED_HELLO))
                .singleElement()
                .isInstanceOfSatisfying(Event.MessageReceived.class,
                        received -> assertThat(received.message().text()).isEqualTo("Hello"));
    }

    @ParameterizedTest
    @EnumSource(OneByteChange.class)
    @DisplayName("each change is one byte, and the server closes with the predicted code")
    void thePredictionHolds(OneByteChange change) {
        byte[] changed = change.apply();
        assertThat(IntStream.range(0, changed.length).filter(i -> changed[i] != OneByteChange.MASKED_HELLO[i]))
                .as("bytes changed").hasSize(1);

        Connection server = Connection.forServer(OneByteChange.SERVER_LIMIT);
        assertThat(server.receive(changed))
                .singleElement()
                .isInstanceOfSatisfying(Event.Failed.class, failed -> assertThat(failed.code()).isEqualTo(change.predicted()));
        ByteBuffer close = server.bytesToSend();
        assertThat(close.get(0)).as("a Close frame").isEqualTo((byte) 0x88);
        assertThat(close.getShort(2) & 0xFFFF).as("its code").isEqualTo(change.predicted().code());
    }
}
