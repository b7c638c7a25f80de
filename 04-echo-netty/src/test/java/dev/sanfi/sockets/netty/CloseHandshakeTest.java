package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloseHandshakeTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new CloseHandshake());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void open() {
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/echo", new DefaultHttpHeaders(), null));
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the peer's Close goes back as it came, then TCP is closed")
    void answersThePeersClose() {
        CloseWebSocketFrame peers = new CloseWebSocketFrame(1000, "done");

        channel.writeInbound(peers);

        CloseWebSocketFrame answer = channel.readOutbound();
        assertThat(answer).isSameAs(peers);
        assertThat(answer.statusCode()).isEqualTo(1000);
        assertThat(answer.reasonText()).isEqualTo("done");
        answer.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: after our Close no frame is sent; the peer's answer ends the connection")
    void closeFirstThenWaitForTheAnswer() {
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "bye"));
        ((CloseWebSocketFrame) channel.readOutbound()).release();

        ChannelFuture late = channel.writeAndFlush(new TextWebSocketFrame("late"));
        assertThat(late.isSuccess()).isFalse();
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(new CloseWebSocketFrame(1001, ""));

        assertThat(channel.<Object>readOutbound()).as("no second Close").isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("a peer that never answers our Close is cut off after the grace period")
    void closesWhenThePeerDoesNotAnswer() {
        channel.freezeTime();
        channel.writeAndFlush(new CloseWebSocketFrame(1001, "bye"));
        ((CloseWebSocketFrame) channel.readOutbound()).release();

        channel.advanceTimeBy(Limits.SHUTDOWN_GRACE.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("server stopping: an open session is sent Close 1001")
    void stoppingSendsGoingAway() {
        open();

        channel.pipeline().fireUserEventTriggered(ServerStopping.INSTANCE);

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1001);
        close.release();
    }

    @Test
    @DisplayName("server stopping before the upgrade: no frame is sent")
    void stoppingBeforeTheUpgradeSendsNothing() {
        channel.pipeline().fireUserEventTriggered(ServerStopping.INSTANCE);

        assertThat(channel.<Object>readOutbound()).isNull();
    }
}
