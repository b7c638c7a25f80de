package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoProtocol;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.netty.guard.Backpressure;
import dev.sanfi.sockets.netty.guard.CloseCodeCheck;
import dev.sanfi.sockets.netty.guard.CloseHandshake;
import dev.sanfi.sockets.netty.guard.DeflateNegotiation;
import dev.sanfi.sockets.netty.guard.FailTheConnection;
import dev.sanfi.sockets.netty.guard.HandshakeDeadline;
import dev.sanfi.sockets.netty.guard.InflateFailure;
import dev.sanfi.sockets.netty.guard.Keepalive;
import dev.sanfi.sockets.netty.guard.LingeringClose;
import dev.sanfi.sockets.netty.guard.MessageSizeLimit;
import dev.sanfi.sockets.netty.guard.OpenSessions;
import dev.sanfi.sockets.netty.guard.ReservedBits;
import dev.sanfi.sockets.netty.guard.RequestCheck;
import dev.sanfi.sockets.netty.guard.WindowBitsAnswer;
import dev.sanfi.sockets.netty.tuning.Utf8FrameCheck;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;

/**
 * Builds the pipeline of every accepted connection. Inbound events run from the socket to the last
 * handler, outbound ones (writes, flushes, close) from the handler that starts them back to the
 * socket, so where a handler sits decides what it sees.
 *
 * <p>The spine is Netty's textbook WebSocket server — HTTP codec, aggregator, protocol handler,
 * then the echo. Around it sit the {@code guard} handlers, each closing one gap the stock handlers
 * leave (chapter 7 draws the pipeline before and after the upgrade). The echo knows none of them.
 *
 * <p>With TLS ({@code ServerSettings.tls()}), Netty's {@link SslHandler} comes first: it turns the
 * bytes of the socket into the plain bytes every other handler reads, and back. With compression
 * ({@code ServerSettings.deflate()}), Netty's extension handler negotiates permessage-deflate (RFC
 * 7692) and puts its inflater and deflater where it stood, in front of the protocol handler.
 */
final class EchoChannelInitializer extends ChannelInitializer<Channel> {

    private final ServerSettings settings;
    private final OpenSessions sessions;

    EchoChannelInitializer(ServerSettings settings, OpenSessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (settings.secure()) {
            pipeline.addLast("tls", tlsHandler());
        }
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(Limits.MAX_HANDSHAKE_BYTES)
                .setMaxHeaderSize(Limits.MAX_HANDSHAKE_BYTES)));
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(Limits.MAX_HANDSHAKE_BYTES));
        // guard, HTTP phase: RequestRules decide before Netty's handshaker sees a request.
        pipeline.addLast("request-check", new RequestCheck(settings.originPolicy()));
        // guard, before the protocol handler: the timers must see Pings and Pongs, which it consumes,
        // and its close() after a violation must become a half-close on its way to the socket.
        pipeline.addLast("idle", Keepalive.timers(settings.pingInterval(), settings.idleTimeout()));
        pipeline.addLast("lingering-close", new LingeringClose());
        if (settings.deflate()) {
            // guard, before the inflater: the RSV bits, once the decoder lets them through.
            pipeline.addLast("reserved-bits", new ReservedBits());
            // guard, before the inflater: a compressed message in one piece (see compressedMessages).
            pipeline.addLast("compressed-messages", compressedMessages(settings));
            // guard, HTTP phase: Netty reads only the offer chapter 4b's negotiation accepts (RFC 7692 §7).
            pipeline.addLast("deflate-negotiation", new DeflateNegotiation());
            pipeline.addLast("deflate", compression(settings)); // puts the inflater right after itself
            // guard, after the inflater: its failures as 1009 or 1002.
            pipeline.addLast("inflate-failure", new InflateFailure());
        }
        // tuning, where Netty's own UTF-8 validator would sit: the same verdicts, eight ASCII bytes at once.
        pipeline.addLast("utf8", new Utf8FrameCheck());
        pipeline.addLast("websocket", new WebSocketServerProtocolHandler(protocolConfig(settings)));
        // guard, after the protocol handler: they see HandshakeComplete and the frames it passes on.
        pipeline.addLast("handshake-deadline", new HandshakeDeadline(settings.handshakeTimeout()));
        pipeline.addLast("sessions", sessions);
        pipeline.addLast("close-check", new CloseCodeCheck());
        pipeline.addLast("log", new ConnectionLog());
        pipeline.addLast("closing", new CloseHandshake());
        pipeline.addLast("keepalive", new Keepalive());
        pipeline.addLast("messages", new MessageSizeLimit(settings.maxMessageBytes()));
        pipeline.addLast("page", new PageHandler());
        pipeline.addLast("echo", new EchoHandler());
        // guard, after the echo: writability after its flush; and the end of every exception.
        pipeline.addLast("backpressure", new Backpressure());
        pipeline.addLast("failure", new FailTheConnection());
    }

    /**
     * The server's end of TLS for one connection. Its handshake has the bound of the upgrade: a
     * client that trickles its ClientHello (slow loris on TLS) is cut off as one that trickles its
     * request head; {@code HandshakeDeadline} bounds the two together as well.
     */
    private SslHandler tlsHandler() {
        SSLEngine engine = settings.tls().createSSLEngine();
        engine.setUseClientMode(false); // the server's side: it presents the certificate
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
        return handler;
    }

    /**
     * permessage-deflate (RFC 7692) when a client offers it, and nothing older: Netty's
     * {@code WebSocketServerCompressionHandler} also accepts {@code x-webkit-deflate-frame}, a draft
     * that current browsers no longer send. The inflater of each connection stops at
     * {@link #maxInflatedFrame} bytes of one frame, so a frame of 1 MiB that would inflate to 1 GiB
     * costs 1 MiB; {@code MessageSizeLimit} then holds every message to the exact limit.
     */
    static WebSocketServerExtensionHandler compression(ServerSettings settings) {
        return new WebSocketServerExtensionHandler(new WindowBitsAnswer(new PerMessageDeflateServerExtensionHandshaker(
                6,     // zlib's default level
                true,  // server_max_window_bits, when offered: 15 only, the JDK Deflater's one window;
                       // DeflateNegotiation declines a smaller one first (RFC 7692 §7.1.2.1)
                15,    // client_max_window_bits, when offered: the client's value if smaller, else none
                true,  // server_no_context_takeover, when offered: accepted (§7.1.1.1)
                true,  // client_no_context_takeover, when offered: agreed, and the inflater starts afresh
                       // for each message, as it must for a client that ends one with BFINAL (§7.2.3.4)
                maxInflatedFrame(settings.maxMessageBytes()))));
    }

    /**
     * The fragments of a message joined before they are inflated, up to {@link #maxFramePayload}
     * compressed bytes: Netty's inflater fails a first fragment that yields no bytes yet — legal
     * (RFC 7692 §6.1 lets a compressed message be cut anywhere), and what a client that streams its
     * compressor sends — with "cannot read uncompressed buffer". Joined, a message inflates in one
     * go, bounded by {@link #maxInflatedFrame}; Pings and Pongs between the fragments pass at once.
     */
    static MessageSizeLimit compressedMessages(ServerSettings settings) {
        return new MessageSizeLimit(maxFramePayload(settings.maxMessageBytes(), true));
    }

    /**
     * What the inflater may produce from one frame: the message limit and 1 KiB. Netty's inflater
     * fails once its buffer is full and fewer than 512 bytes are left in it — even when the frame
     * is done — so the slack keeps a message of exactly the limit clear of that edge.
     */
    static int maxInflatedFrame(int maxMessageBytes) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxMessageBytes + 1024);
    }

    /**
     * The largest frame payload the decoder takes, and with compression the largest compressed
     * message: {@link MessageInflater#maxCompressedBytes}, 01-echo-raw's bound of how long a message
     * of the limit can be compressed (random bytes grow by the headers of zlib's stored blocks, how
     * much depends on the sender's zlib). The limit on inflated bytes is kept behind the inflater.
     */
    static int maxFramePayload(int maxMessageBytes, boolean deflate) {
        return deflate ? MessageInflater.maxCompressedBytes(maxMessageBytes) : maxMessageBytes;
    }

    static WebSocketServerProtocolConfig protocolConfig(ServerSettings settings) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(EchoProtocol.ECHO_PATH)
                // RequestCheck decides which requests are upgrades; a query string is fine.
                .checkStartsWith(true)
                .handshakeTimeoutMillis(settings.handshakeTimeout().toMillis())
                // One frame may be as large as one message; larger ones fail with 1009.
                .maxFramePayloadLength(maxFramePayload(settings.maxMessageBytes(), settings.deflate()))
                // With extensions allowed the decoder stops checking RSV bits (RFC 6455 §5.2):
                // ReservedBits checks them then.
                .allowExtensions(settings.deflate())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                // Report violations as exceptions; FailTheConnection sends the Close, once.
                .closeOnProtocolViolation(false)
                // tuning.Utf8FrameCheck checks text instead, in front of the handler.
                .withUTF8Validator(false)
                // CloseHandshake answers Close frames, and no "1000 Bye" is added on close().
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                .build();
    }
}
