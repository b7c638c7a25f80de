package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandshakeDeadlineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void addDeadline() {
        channel.freezeTime();
        channel.pipeline().addLast("handshake-deadline", new HandshakeDeadline(TIMEOUT));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    @DisplayName("not upgraded within the timeout: closed, however much was read meanwhile")
    void closesWhenTheDeadlinePasses() {
        advance(TIMEOUT.toMillis() - 1);
        channel.writeInbound("a trickle of bytes does not buy time");
        channel.readInbound();
        assertThat(channel.isOpen()).isTrue();

        advance(1);

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("upgraded in time: the deadline is cancelled and the handler leaves the pipeline")
    void upgradeCancelsTheDeadline() {
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/echo", new DefaultHttpHeaders(), null));

        assertThat(channel.pipeline().get("handshake-deadline")).isNull();
        advance(TIMEOUT.toMillis());
        assertThat(channel.isOpen()).isTrue();
    }
}
