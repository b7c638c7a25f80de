package dev.sanfi.sockets.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/**
 * The simplest Netty WebSocket echo server, the yardstick for 04-echo-netty: the HTTP codec, the
 * aggregator for the upgrade request, Netty's stock protocol handler on {@code /echo}, and a handler
 * that writes every data frame back and flushes once per read. No page, no origin check, no limits
 * beyond the 1 MiB frame, no keepalive, no custom close handling: everything 04 adds for the contract
 * is missing, which is the point of measuring it. Same thread shape as 04: one boss thread and
 * Netty's default worker group. With TLS, Netty's {@code SslHandler} in front; with deflate, Netty's
 * permessage-deflate handler (RFC 7692) after the HTTP codec: the stock ways, for the TLS and
 * deflate rows of bench/run.
 */
final class BareNettyEchoServer implements AutoCloseable {

    private static final int MAX_FRAME_BYTES = 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private BareNettyEchoServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    static BareNettyEchoServer start(String host, int port) throws InterruptedException {
        return start(host, port, null, false);
    }

    /**
     * @param tls     the server's certificate and key; null for plain ws://
     * @param deflate whether to accept permessage-deflate
     */
    static BareNettyEchoServer start(String host, int port, SSLContext tls, boolean deflate) throws InterruptedException {
        SslContext ssl = tls == null ? null : new JdkSslContext(tls, false, ClientAuth.NONE);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8 * 1024));
                            if (deflate) {
                                ch.pipeline().addLast(new WebSocketServerCompressionHandler(MAX_FRAME_BYTES));
                            }
                            ch.pipeline().addLast(
                                    new WebSocketServerProtocolHandler("/echo", null, deflate, MAX_FRAME_BYTES),
                                    new Echo());
                        }
                    })
                    .bind(host, port).sync().channel();
            return new BareNettyEchoServer(boss, workers, channel);
        } catch (Exception e) { // also a BindException, which sync() throws undeclared
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        boss.shutdownGracefully().syncUninterruptibly();
        workers.shutdownGracefully().syncUninterruptibly();
    }

    /** Writes each data frame back as it is; Ping, Pong and Close are the protocol handler's. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame) {
                ctx.write(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
