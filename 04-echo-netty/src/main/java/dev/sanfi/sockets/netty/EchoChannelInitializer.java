package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of every accepted connection: one handler per job, in the order the bytes
 * pass through them. Inbound events run from the first handler to the last, outbound ones (writes,
 * flushes, close) from the handler that starts them back towards the socket.
 *
 * <pre>
 * socket ⇄ http ⇄ http-aggregator → routes → idle → [ws-handshake → utf8] → websocket
 *        → handshake-deadline → close-check → log ⇄ closing → messages → keepalive → echo → failure
 * </pre>
 *
 * On the upgrade Netty swaps {@code http} for {@code wsencoder}/{@code wsdecoder} and drops
 * {@code http-aggregator}; {@code routes} and {@code handshake-deadline} take themselves out too.
 */
final class EchoChannelInitializer extends ChannelInitializer<Channel> {

    private final ServerSettings settings;
    private final ChannelGroup channels;

    EchoChannelInitializer(ServerSettings settings, ChannelGroup channels) {
        this.settings = settings;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel); // removed again by the group itself when the channel closes
        channel.pipeline()
                // HTTP/1.1 until the upgrade. A request head over 8 KiB fails to decode (answered 431/400).
                .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(Limits.MAX_HANDSHAKE_BYTES)
                        .setMaxHeaderSize(Limits.MAX_HANDSHAKE_BYTES)))
                .addLast("http-aggregator", new HttpObjectAggregator(Limits.MAX_HANDSHAKE_BYTES))
                .addLast("routes", new HttpRequestRouter(settings.originPolicy()))
                // Before the protocol handler, which answers pings and swallows pongs: the idle timer
                // must see every frame the peer sends.
                .addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(), 0,
                        settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("websocket", new EchoProtocolHandler(protocolConfig(settings)))
                .addLast("handshake-deadline", new HandshakeDeadline(settings.handshakeTimeout()))
                .addLast("close-check", new CloseFrameValidator())
                .addLast("log", new ConnectionLog())
                .addLast("closing", new CloseHandshake())
                .addLast("messages", new MessageAssembler(settings.maxMessageBytes()))
                .addLast("keepalive", new Keepalive())
                .addLast("echo", new EchoHandler())
                .addLast("failure", new ConnectionFailure());
    }

    static WebSocketServerProtocolConfig protocolConfig(ServerSettings settings) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(EchoProtocol.ECHO_PATH)
                // HttpRequestRouter decides which requests are upgrades; a query string is fine.
                .checkStartsWith(true)
                .handshakeTimeoutMillis(settings.handshakeTimeout().toMillis())
                // One frame may be as large as one message; larger ones fail with 1009.
                .maxFramePayloadLength(settings.maxMessageBytes())
                // With extensions allowed the decoder stops checking RSV bits (RFC 6455 §5.2).
                .allowExtensions(false)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                // Report violations as exceptions; ConnectionFailure sends the Close, once.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(true)
                // CloseHandshake answers Close frames, and no "1000 Bye" is added on close().
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                .build();
    }
}
