package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeepaliveTest {

    private static final long PING_MILLIS = 1_000;
    private static final long IDLE_MILLIS = 3_000;

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void open() {
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/echo", new DefaultHttpHeaders(), null));
    }

    @Test
    @DisplayName("RFC 6455 §5.5.2: a silent connection is pinged")
    void pingsWhenSilent() {
        channel.pipeline().addLast(new Keepalive());
        open();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);

        assertThat(channel.<Object>readOutbound()).isInstanceOf(PingWebSocketFrame.class);
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: nothing read for the idle timeout is Close 1001")
    void closesWhenIdle() {
        channel.pipeline().addLast(new Keepalive());
        open();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1001);
        close.release();
    }

    @Test
    @DisplayName("before the upgrade idle events are ignored")
    void ignoresTheHttpPhase() {
        channel.pipeline().addLast(new Keepalive());

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);

        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    @DisplayName("with the idle handler of the pipeline: ping after the interval, Close 1001 after the timeout")
    void timersOfThePipeline() {
        channel.freezeTime();
        channel.pipeline().addLast(Keepalive.timers(Duration.ofMillis(PING_MILLIS), Duration.ofMillis(IDLE_MILLIS)),
                new Keepalive());
        open();

        channel.advanceTimeBy(PING_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        ((PingWebSocketFrame) channel.readOutbound()).release();

        channel.writeInbound(new PingWebSocketFrame()); // the peer speaks: a read resets the timers
        ((PingWebSocketFrame) channel.readInbound()).release();
        channel.advanceTimeBy(IDLE_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        Object next;
        while ((next = channel.readOutbound()) instanceof PingWebSocketFrame ping) {
            ping.release();
        }
        assertThat(next).as("not closed yet").isNull();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        while ((next = channel.readOutbound()) instanceof PingWebSocketFrame ping) {
            ping.release();
        }
        assertThat(next).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) next).statusCode()).isEqualTo(1001);
        ((CloseWebSocketFrame) next).release();
    }
}
