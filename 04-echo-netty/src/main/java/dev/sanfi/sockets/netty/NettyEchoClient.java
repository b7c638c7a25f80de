package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The echo client on Netty: one event loop thread owned by the session, a pipeline of HTTP codec,
 * Netty's {@link WebSocketClientHandshaker} and {@link ClientSessionHandler}. {@link #close()} frees
 * the thread again.
 */
public final class NettyEchoClient implements EchoClientSession {

    /** Enough for any handshake response; the client never reads other HTTP. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final ClientSessionHandler session;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NettyEchoClient(EventLoopGroup group, Channel channel, ClientSessionHandler session) {
        this.session = session;
        this.group = group;
        this.channel = channel;
    }

    /** Connects with {@link ClientOptions#defaults()}: the JDK's trust store, no compression. */
    public static NettyEchoClient connect(URI uri, ClientEvents events) throws IOException {
        return connect(uri, ClientOptions.defaults(), events);
    }

    /**
     * Connects and completes the opening handshake within {@link Limits#HANDSHAKE_TIMEOUT}; for
     * {@code wss://}, the TLS handshake first, with the options' trust. A certificate that fails a
     * check is an {@link javax.net.ssl.SSLHandshakeException} saying which.
     */
    public static NettyEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws IOException {
        boolean secure = "wss".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        String host = unbracketed(uri.getHost());
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        SSLContext tls = secure ? trustOf(options) : null;
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null,
                options.deflate(), // extensions allowed: the frame decoder lets the compressed bit through
                new DefaultHttpHeaders(), EchoChannelInitializer.maxFramePayload(Limits.MAX_MESSAGE_BYTES, options.deflate()),
                true, // mask every frame (RFC 6455 §5.3)
                false, Limits.SHUTDOWN_GRACE.toMillis(), false,
                false); // no Origin header: this is not a browser (§10.2)
        ClientSessionHandler session = new ClientSessionHandler(handshaker, events);

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("netty-echo-client"), NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Limits.HANDSHAKE_TIMEOUT.toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            if (tls != null) {
                                channel.pipeline().addLast(tlsHandler(tls, options, host, port));
                            }
                            channel.pipeline()
                                    .addLast(new HttpClientCodec())
                                    .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES));
                            if (options.deflate()) {
                                channel.pipeline().addLast(compression());
                            }
                            channel.pipeline()
                                    .addLast(new Utf8FrameValidator())
                                    .addLast(new WebSocketFrameAggregator(Limits.MAX_MESSAGE_BYTES))
                                    .addLast(session);
                        }
                    });
            Channel channel = bootstrap.connect(host, port).sync().channel();
            if (!session.handshakeFuture().await(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no handshake answer from " + uri + " within "
                        + Limits.HANDSHAKE_TIMEOUT.toSeconds() + " s");
            }
            if (!session.handshakeFuture().isSuccess()) {
                Throwable cause = session.handshakeFuture().cause();
                throw cause instanceof IOException e ? e : new IOException(cause.toString(), cause);
            }
            return new NettyEchoClient(group, channel, session);
        } catch (Exception e) { // also a ConnectException, which Netty's sync() throws undeclared
            shutdown(group);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while connecting to " + uri);
            }
            throw e instanceof IOException io ? io : new IOException("cannot connect to " + uri + ": " + e, e);
        }
    }

    /**
     * The offer of permessage-deflate (RFC 7692), and of nothing older: Netty's
     * {@code WebSocketClientCompressionHandler} would offer the {@code deflate-frame} drafts too. The
     * inflater stops a little past the message limit, as the server's does.
     */
    private static WebSocketClientExtensionHandler compression() {
        return new WebSocketClientExtensionHandler(new PerMessageDeflateClientExtensionHandshaker(
                6,     // zlib's default level
                false, // client_max_window_bits not offered: the JDK's Deflater has one window size
                15,    // server_max_window_bits not asked for (15 is the default)
                false, // client_no_context_takeover not offered
                false, // server_no_context_takeover not asked for
                EchoChannelInitializer.maxInflatedFrame(Limits.MAX_MESSAGE_BYTES)));
    }

    private static SSLContext trustOf(ClientOptions options) throws IOException {
        try {
            return options.trust() != null ? options.trust() : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this JDK: " + e.getMessage(), e);
        }
    }

    /**
     * The client's end of TLS. The certificate must name the host of the URL — the JDK's
     * {@code "HTTPS"} identification, the check of RFC 2818 §3.1 and RFC 6125 that browsers make —
     * unless the options say otherwise ({@code --insecure}); and the host goes out as SNI (RFC 6066
     * §3), so that a server with many names presents the right certificate. SNI carries host names
     * only, never an IP literal.
     */
    private static SslHandler tlsHandler(SSLContext tls, ClientOptions options, String host, int port) {
        SSLEngine engine = tls.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(options.verifyHostname() ? "HTTPS" : null);
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(Limits.HANDSHAKE_TIMEOUT.toMillis());
        return handler;
    }

    /** {@code [::1]} as {@code URI.getHost()} gives it is {@code ::1} to a socket and to TLS. */
    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    @Override
    public void sendText(String text) throws InterruptedException {
        channel.writeAndFlush(new TextWebSocketFrame(text)).sync();
    }

    @Override
    public void sendBinary(byte[] data) throws InterruptedException {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))).sync();
    }

    @Override
    public void sendClose(int code, String reason) throws InterruptedException {
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).sync();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            // Called from an event callback: cannot wait for our own thread to end.
            channel.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            return;
        }
        channel.close().awaitUninterruptibly();
        shutdown(group);
    }

    /** The extensions the server agreed to, as its 101 named them ("" for none): {@code permessage-deflate} when compressed. */
    String extensions() {
        return session.extensions();
    }

    /** True once {@link #close()} has ended the session's event loop thread. */
    boolean isTerminated() {
        return group.isTerminated();
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
