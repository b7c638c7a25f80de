package dev.sanfi.sockets.exercises.ch4b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.CloseCode;
import dev.sanfi.sockets.raw.FrameWriter;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.deflate.DeflateParameters;
import dev.sanfi.sockets.raw.deflate.MessageDeflater;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 4b, exercise 3: the policy's frames, read by 01-echo-raw's client core with the same
 * agreed parameters: which went compressed, and whether the client got every message back intact.
 */
class Ch4bExercise3Test {

    private static final byte[] CHAT = ("{\"type\":\"message\",\"room\":\"lobby\",\"user\":\"alice\",\"seq\":42,"
            + "\"text\":\"the quick brown fox jumps over the lazy dog, again and again\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] HI = "hi".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RANDOM = new byte[300];
    private static final int THRESHOLD = 64;
    private static final DeflateParameters NO_SERVER_TAKEOVER = new DeflateParameters(true, false, 0, 0);

    static {
        new Random(6455).nextBytes(RANDOM);
    }

    private Connection client;
    private CompressionPolicy policy;

    @AfterEach
    void release() {
        if (policy != null) {
            policy.release();
        }
        client.release();
    }

    private void agree(DeflateParameters agreed) {
        policy = new CompressionPolicy(agreed, THRESHOLD);
        client = Connection.forClient(Limits.MAX_MESSAGE_BYTES, () -> 0x37fa213d, agreed);
    }

    /** The message's frame from the policy, after the client has checked that it reads it as the message sent. */
    private byte[] sent(Opcode opcode, byte[] message) {
        byte[] frame = policy.frame(opcode, message);
        assertThat(client.receive(frame)).singleElement().isInstanceOfSatisfying(Event.MessageReceived.class,
                received -> assertThat(received.message().payload()).as("the message the client got").isEqualTo(message));
        return frame;
    }

    private static boolean compressed(byte[] frame) {
        return (frame[0] & 0x40) != 0;
    }

    /** A server frame's payload length: 7 bits, or 126 and 16 bits (RFC 6455 §5.2). */
    private static int payloadLength(byte[] frame) {
        int length = frame[1] & 0x7f;
        return length < 126 ? length : ByteBuffer.wrap(frame, 2, 2).getShort() & 0xFFFF;
    }

    @Test
    @DisplayName("with context takeover: a short message goes plain, a longer one compressed, and again much smaller")
    void shortPlainLongerCompressed() {
        agree(DeflateParameters.DEFAULT);
        assertThat(compressed(sent(Opcode.TEXT, HI))).as("%d bytes, under the threshold", HI.length).isFalse();
        byte[] first = sent(Opcode.TEXT, CHAT);
        byte[] again = sent(Opcode.TEXT, CHAT);
        assertThat(compressed(first)).isTrue();
        assertThat(payloadLength(first)).isLessThan(CHAT.length);
        assertThat(compressed(again)).isTrue();
        assertThat(payloadLength(again)).as("a back-reference into the window").isLessThan(payloadLength(first) / 4);
    }

    @Test
    @DisplayName("with context takeover: random bytes grow, yet go compressed, and the messages after them still inflate")
    void takeoverCompressesWhatGrew() {
        agree(DeflateParameters.DEFAULT);
        byte[] random = sent(Opcode.BINARY, RANDOM);
        assertThat(compressed(random)).isTrue();
        assertThat(payloadLength(random)).as("compressed random bytes").isGreaterThan(RANDOM.length);
        sent(Opcode.TEXT, CHAT);
        sent(Opcode.TEXT, CHAT);
    }

    @Test
    @DisplayName("with server_no_context_takeover: a message that would grow goes plain, one that shrinks compressed")
    void noTakeoverSendsTheSmaller() {
        agree(NO_SERVER_TAKEOVER);
        byte[] random = sent(Opcode.BINARY, RANDOM);
        assertThat(compressed(random)).isFalse();
        assertThat(payloadLength(random)).isEqualTo(RANDOM.length);
        assertThat(compressed(sent(Opcode.TEXT, CHAT))).isTrue();
        assertThat(compressed(sent(Opcode.TEXT, CHAT))).isTrue();
    }

    @Test
    @DisplayName("why: compressed with context takeover but sent plain, a message is missing from the client's window, "
            + "and the next one fails with 1007")
    void whyNotCompressThenChoose() {
        DeflateParameters agreed = DeflateParameters.DEFAULT;
        client = Connection.forClient(Limits.MAX_MESSAGE_BYTES, () -> 0x37fa213d, agreed);
        FrameWriter writer = FrameWriter.forServer();
        MessageDeflater deflater = new MessageDeflater(true);
        try {
            deflater.compress(CHAT);                        // compressed, then sent plain after all
            assertThat(client.receive(writer.frame(Opcode.TEXT, CHAT))).singleElement()
                    .isInstanceOf(Event.MessageReceived.class);

            byte[] second = deflater.compress(CHAT);        // a back-reference to bytes the client never inflated
            ByteBuffer frame = ByteBuffer.allocate(writer.frameLength(second.length));
            writer.writeCompressed(Opcode.TEXT, second, frame);
            assertThat(client.receive(frame.array())).singleElement().isInstanceOfSatisfying(Event.Failed.class,
                    failed -> assertThat(failed.code()).isEqualTo(CloseCode.INVALID_PAYLOAD_DATA));
        } finally {
            deflater.release();
        }
    }
}
