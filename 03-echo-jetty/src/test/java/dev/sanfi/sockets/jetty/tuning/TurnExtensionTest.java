package dev.sanfi.sockets.jetty.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The extension on its own: frames in, frames passed on here or handed to the pool; no socket. The
 * pool is a queue this test runs by hand, so "handed on" and "not yet passed" are exact.
 */
class TurnExtensionTest {

    private static final int TURN = TurnExtension.FRAMES_PER_TURN;

    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final List<String> events = new ArrayList<>();

    /** One connection's extension, passing its frames on to a list and logging its session's flushes. */
    private TurnExtension connection(String name, Executor executor) {
        TurnExtension extension = new TurnExtension();
        extension.init(ExtensionConfig.parse(TurnExtension.NAME),
                new WebSocketComponents(null, null, null, null, null, executor));
        extension.setCoreSession(new CoreSession.Empty() {
            @Override
            public void flush(Callback callback) {
                events.add(name + " flush");
                callback.succeeded();
            }
        });
        extension.setNextIncomingFrames((frame, callback) -> {
            events.add(name + " " + OpCode.name(frame.getOpCode()));
            callback.succeeded();
        });
        return extension;
    }

    private TurnExtension connection(String name) {
        return connection(name, pool::add);
    }

    private static void receive(TurnExtension extension, byte opcode, int frames) {
        for (int i = 0; i < frames; i++) {
            extension.onFrame(new Frame(opcode, true, ByteBuffer.wrap(new byte[] {'x'})), Callback.NOOP);
        }
    }

    private long passed(String what) {
        return events.stream().filter(what::equals).count();
    }

    @Test
    @DisplayName("a connection's frames pass at once for a turn; the next one waits behind the pool's queue, after a flush")
    void aLongTurnGivesUpItsThread() {
        TurnExtension a = connection("a");

        receive(a, OpCode.TEXT, TURN + 1);

        assertThat(passed("a TEXT")).isEqualTo(TURN);
        assertThat(events).last().isEqualTo("a flush");          // the echoes so far are not held back
        assertThat(pool).hasSize(1);

        pool.remove().run();                                     // the pool's turn for it comes
        assertThat(passed("a TEXT")).isEqualTo(TURN + 1);
    }

    @Test
    @DisplayName("after the thread served another connection, a turn starts afresh: a read that runs dry hands nothing on")
    void anotherConnectionInBetweenStartsANewTurn() {
        TurnExtension a = connection("a");
        TurnExtension b = connection("b");

        receive(a, OpCode.TEXT, TURN - 1);
        receive(b, OpCode.BINARY, 1);
        receive(a, OpCode.TEXT, TURN);

        assertThat(pool).isEmpty();
        assertThat(passed("a TEXT")).isEqualTo(2L * TURN - 1);
        assertThat(passed("a flush")).isZero();
    }

    @Test
    @DisplayName("the frame after a hand-off starts a turn of its own, on whichever thread takes it")
    void theHandedOnFrameStartsATurn() {
        TurnExtension a = connection("a");
        receive(a, OpCode.BINARY, TURN + 1);
        pool.remove().run();

        receive(a, OpCode.BINARY, TURN);

        assertThat(pool).isEmpty();
        assertThat(passed("a BINARY")).isEqualTo(2L * TURN + 1);
    }

    @Test
    @DisplayName("Pings and Pongs pass at once and do not count: Jetty answers them and demands the next frame")
    void controlFramesDoNotCount() {
        TurnExtension a = connection("a");

        receive(a, OpCode.TEXT, TURN);
        receive(a, OpCode.PING, 3);
        receive(a, OpCode.PONG, 1);

        assertThat(pool).isEmpty();
        assertThat(passed("a PING")).isEqualTo(3);

        receive(a, OpCode.TEXT, 1);
        assertThat(pool).hasSize(1);
    }

    @Test
    @DisplayName("while the server stops, a pool that refuses the frame leaves it to be handled at once, not lost")
    void aStoppingPoolLosesNothing() {
        TurnExtension a = connection("a", task -> {
            throw new RejectedExecutionException("stopping");
        });

        receive(a, OpCode.TEXT, TURN + 1);

        assertThat(passed("a TEXT")).isEqualTo(TURN + 1);
    }
}
