package dev.sanfi.sockets.netty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpenSessionsTest {

    /** A peer that answers our Close at once, as a well-behaved client does. */
    private final class AnsweringPeer extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof CloseWebSocketFrame close) {
                codesSent.add(close.statusCode());
                close.release();
                promise.setSuccess();
                ctx.channel().pipeline().fireChannelRead(new CloseWebSocketFrame(1001, ""));
                return;
            }
            ctx.write(msg, promise);
        }
    }

    private final List<Integer> codesSent = new ArrayList<>();
    private final OpenSessions sessions = new OpenSessions(ImmediateEventExecutor.INSTANCE);
    private final EmbeddedChannel session = new EmbeddedChannel(DefaultChannelId.newInstance(),
            new AnsweringPeer(), sessions, new CloseHandshake());
    private final EmbeddedChannel http = new EmbeddedChannel(DefaultChannelId.newInstance(), sessions);

    @AfterEach
    void close() {
        session.finishAndReleaseAll();
        http.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 6455 §7.4.1: on close() a session gets Close 1001; a connection still in HTTP is closed")
    void goingAwayToSessionsOnly() {
        session.pipeline().fireUserEventTriggered(new HandshakeComplete("/echo", new DefaultHttpHeaders(), null));
        assertThat(sessions.size()).isEqualTo(2);

        sessions.close();

        assertThat(codesSent).containsExactly(1001);
        assertThat(session.isOpen()).as("closed on the answer").isFalse();
        assertThat(http.isOpen()).isFalse();
        assertThat(sessions.size()).isZero();
    }
}
