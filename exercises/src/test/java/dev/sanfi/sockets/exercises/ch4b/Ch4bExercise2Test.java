package dev.sanfi.sockets.exercises.ch4b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 4b, exercise 2: compressed frames, and what a server's connection core does with them, predicted. */
class Ch4bExercise2Test {

    @ParameterizedTest
    @EnumSource(CompressedFrames.class)
    @DisplayName("the server receives Hello, or closes with the predicted code")
    void thePredictionHolds(CompressedFrames frames) {
        Connection server = Connection.forServer(Limits.MAX_MESSAGE_BYTES,
                frames.deflateAgreed() ? DeflateParameters.DEFAULT : null);
        try {
            List<Event> events = server.receive(frames.frames());
            if (frames.predicted() == CompressedFrames.RECEIVED) {
                assertThat(events).singleElement().isInstanceOfSatisfying(Event.MessageReceived.class,
                        received -> assertThat(received.message().text()).isEqualTo("Hello"));
                assertThat(server.hasBytesToSend()).as("nothing to answer").isFalse();
                return;
            }
            assertThat(events).singleElement().isInstanceOfSatisfying(Event.Failed.class,
                    failed -> assertThat(failed.code().code()).isEqualTo(frames.predicted()));
            ByteBuffer close = server.bytesToSend();
            assertThat(close.get(0)).as("a Close frame").isEqualTo((byte) 0x88);
            assertThat(close.getShort(2) & 0xFFFF).as("its code").isEqualTo(frames.predicted());
        } finally {
            server.release();
        }
    }
}
