package dev.sanfi.sockets.exercises.ch7;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.netty.guard.Keepalive;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 7, exercise 3: 04-echo-netty's timers and Keepalive with --ping-interval 3 --idle-timeout
 * 10, on a frozen clock moved one second at a time.
 */
class Ch7Exercise3Test {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<Integer> pings = new ArrayList<>();
    private int closedAt = -1;

    @BeforeEach
    void open() {
        channel.freezeTime();
        channel.pipeline().addLast(Keepalive.timers(Duration.ofSeconds(3), Duration.ofSeconds(10)), new Keepalive());
        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/echo", new DefaultHttpHeaders(), null));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Moves the clock second by second up to {@code seconds}, noting each Ping and the Close; answers Pings if asked. */
    private void run(int seconds, boolean answer) {
        for (int second = 1; second <= seconds && closedAt < 0; second++) {
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            for (Object sent = channel.readOutbound(); sent != null; sent = channel.readOutbound()) {
                if (sent instanceof PingWebSocketFrame) {
                    pings.add(second);
                    if (answer) {
                        channel.writeInbound(new PongWebSocketFrame());
                        ReferenceCountUtil.release(channel.readInbound());
                    }
                } else if (sent instanceof CloseWebSocketFrame close) {
                    assertThat(close.statusCode()).isEqualTo(1001);
                    closedAt = second;
                }
                ReferenceCountUtil.release(sent);
            }
        }
    }

    @Test
    @DisplayName("a silent peer: the predicted Pings, then Close 1001 at the predicted second")
    void aSilentPeer() {
        run(20, false);
        assertThat(pings).isEqualTo(SilentPeerPrediction.SILENT_PEER_PINGS);
        assertThat(closedAt).isEqualTo(SilentPeerPrediction.SILENT_PEER_CLOSE);
    }

    @Test
    @DisplayName("a peer that answers each Ping: a Ping at the predicted interval, and closed as predicted")
    void anAnsweringPeer() {
        run(30, true);
        List<Integer> every = new ArrayList<>();
        for (int second = SilentPeerPrediction.ANSWERING_PEER_PING_EVERY; second <= 30;
                second += SilentPeerPrediction.ANSWERING_PEER_PING_EVERY) {
            every.add(second);
        }
        assertThat(pings).isEqualTo(every);
        assertThat(closedAt >= 0).isEqualTo(SilentPeerPrediction.ANSWERING_PEER_CLOSED);
    }
}
