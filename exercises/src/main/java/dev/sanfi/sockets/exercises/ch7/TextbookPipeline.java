package dev.sanfi.sockets.exercises.ch7;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chapter 7's textbook pipeline — HTTP codec, aggregator, protocol handler, echo — with room for
 * handlers of one's own between the aggregator and the protocol handler: there they see the upgrade
 * request before Netty's handshaker does, and after the 101 every frame before the protocol handler
 * consumes the control frames.
 */
public final class TextbookPipeline extends ChannelInitializer<Channel> {

    /** The request head may be this large, as in every module (common's Limits). */
    private static final int MAX_HEAD_BYTES = 8 * 1024;

    private final WebSocketServerProtocolConfig protocol;
    private final Supplier<List<ChannelHandler>> ownHandlers;

    /**
     * @param ownHandlers new handlers for each connection, placed in this order in front of the
     *                    protocol handler
     */
    public TextbookPipeline(WebSocketServerProtocolConfig protocol, Supplier<List<ChannelHandler>> ownHandlers) {
        this.protocol = protocol;
        this.ownHandlers = ownHandlers;
    }

    /** The echo at {@code /echo} with Netty's defaults. */
    public static WebSocketServerProtocolConfig echoAt(String path) {
        return WebSocketServerProtocolConfig.newBuilder().websocketPath(path).build();
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HEAD_BYTES));
        for (ChannelHandler handler : ownHandlers.get()) {
            pipeline.addLast(handler);
        }
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(protocol));
        pipeline.addLast("echo", new FrameEcho());
    }
}
