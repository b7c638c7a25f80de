package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An {@link EmbeddedChannel} cannot shut only its output, so here a close asked for after our Close
 * closes at once; the half-close over a real socket is {@code FailedConnectionDrainTest}'s.
 */
class LingeringCloseTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new LingeringClose());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void sendOurClose() {
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "bye"));
        ((CloseWebSocketFrame) channel.readOutbound()).release();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    @DisplayName("RFC 6455 §7.1.1: a peer that never answers our Close is cut off after the grace period")
    void closesWhenThePeerDoesNotAnswer() {
        channel.freezeTime();
        sendOurClose();

        advance(Limits.SHUTDOWN_GRACE.toMillis() - 1);
        assertThat(channel.isOpen()).isTrue();

        advance(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: after our Close the peer's frames are read and dropped, only its Close passes on")
    void dropsAllButTheClose() {
        sendOurClose();

        TextWebSocketFrame late = new TextWebSocketFrame("late");
        channel.writeInbound(late);

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(late.refCnt()).as("released").isZero();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(new CloseWebSocketFrame(1001, ""));
        CloseWebSocketFrame answer = channel.readInbound();
        assertThat(answer.statusCode()).isEqualTo(1001);
        answer.release();
    }

    @Test
    @DisplayName("before our Close every frame passes")
    void passesFramesBeforeOurClose() {
        channel.writeInbound(new TextWebSocketFrame("early"));

        TextWebSocketFrame passed = channel.readInbound();
        assertThat(passed.text()).isEqualTo("early");
        passed.release();
    }

    @Test
    @DisplayName("once the peer's Close has arrived, a close is the real one")
    void closesAtOnceAfterThePeersClose() {
        sendOurClose();
        channel.writeInbound(new CloseWebSocketFrame(1001, ""));
        ((CloseWebSocketFrame) channel.readInbound()).release();

        channel.close();

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("without a Close of ours a close is not delayed, and nothing is scheduled")
    void plainCloseIsImmediate() {
        channel.freezeTime();

        channel.close();

        assertThat(channel.isOpen()).isFalse();
        assertThat(LingeringClose.isLingering(channel)).isFalse();
    }
}
