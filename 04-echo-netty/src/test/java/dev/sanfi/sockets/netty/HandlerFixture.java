package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One handler of the pipeline in an {@link EmbeddedChannel}, and what it reports: the exception
 * that reaches the end of the pipeline is kept, as the server's own handler there would see it
 * and fail the connection with its close code (guard.FailTheConnection).
 */
public final class HandlerFixture {

    private final EmbeddedChannel channel;
    private Throwable caught;

    public HandlerFixture(ChannelHandler handler) {
        this.channel = new EmbeddedChannel(handler, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught = cause;
            }
        });
    }

    public EmbeddedChannel channel() {
        return channel;
    }

    /** What reached the end of the pipeline as an exception, or null. */
    public Throwable caught() {
        return caught;
    }

    /** Starts afresh, for the next frame of the same test. */
    public void forget() {
        caught = null;
    }

    /** The close code of what was reported, which must be a violation of the protocol. */
    public int closeCode() {
        assertThat(caught).isInstanceOf(CorruptedWebSocketFrameException.class);
        return ((CorruptedWebSocketFrameException) caught).closeStatus().code();
    }

    /** The frame goes on unchanged (the very object), and nothing is reported. */
    public void assertPasses(WebSocketFrame frame) {
        channel.writeInbound(frame);
        WebSocketFrame passed = channel.readInbound();
        assertThat(passed).isSameAs(frame);
        passed.release();
        assertThat(caught).isNull();
    }
}
