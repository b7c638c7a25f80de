package dev.sanfi.sockets.jetty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The extension on its own: frames in, frames passed on or a failed callback out; no socket. */
class Utf8CheckExtensionTest {

    private final Utf8CheckExtension extension = new Utf8CheckExtension();
    private final List<Frame> passed = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void chain() {
        extension.setNextIncomingFrames((frame, callback) -> {
            passed.add(frame);
            callback.succeeded();
        });
    }

    private void receive(byte opcode, boolean fin, int... bytes) {
        byte[] payload = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            payload[i] = (byte) bytes[i];
        }
        extension.onFrame(new Frame(opcode, fin, ByteBuffer.wrap(payload)), Callback.from(() -> { }, failures::add));
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a text frame of valid UTF-8 passes, its payload unread")
    void validTextPasses() {
        receive(OpCode.TEXT, true, 'h', 0xC3, 0xA9, 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd');

        assertThat(failures).isEmpty();
        assertThat(passed).singleElement().satisfies(frame -> assertThat(frame.getPayload().remaining()).isEqualTo(12));
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a byte that cannot be UTF-8 fails with 1007 at once, before the message ends")
    void failsFast() {
        receive(OpCode.TEXT, false, 'a', 0xFF);

        assertThat(passed).isEmpty();
        assertThat(failures).singleElement().isInstanceOfSatisfying(BadPayloadException.class,
                failure -> assertThat(failure.getStatusCode()).isEqualTo(1007));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a character split between two fragments is whole, with a Ping between them")
    void characterSplitAcrossFragments() {
        receive(OpCode.TEXT, false, 'a', 0xE2, 0x82);
        receive(OpCode.PING, true, 0xFF);                   // a control frame's payload is not text
        receive(OpCode.CONTINUATION, true, 0xAC);           // € = E2 82 AC

        assertThat(failures).isEmpty();
        assertThat(passed).hasSize(3);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a text message that ends inside a character fails")
    void endsInsideACharacter() {
        receive(OpCode.TEXT, false, 'a', 0xE2);
        receive(OpCode.CONTINUATION, true, 0x82);

        assertThat(failures).singleElement().isInstanceOf(BadPayloadException.class);
    }

    @Test
    @DisplayName("binary messages and their continuations are not checked; a text message after one is")
    void binaryIsNotText() {
        receive(OpCode.BINARY, false, 0xFF);
        receive(OpCode.CONTINUATION, true, 0xC0, 0x80);
        assertThat(failures).isEmpty();

        receive(OpCode.TEXT, true, 0xC0, 0x80);             // overlong: never UTF-8
        assertThat(failures).singleElement().isInstanceOf(BadPayloadException.class);
    }
}
