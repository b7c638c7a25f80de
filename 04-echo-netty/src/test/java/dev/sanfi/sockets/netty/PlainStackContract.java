package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The plain stack: Netty's defaults and the idiomatic {@link EchoHandler}, as a beginner following
 * Netty's WebSocket example would write it — codec, aggregator, {@code WebSocketServerProtocolHandler}
 * at {@code /echo}, the echo. Nothing from {@code guard}, no configuration, no page (serving it
 * needs routing, which is {@code guard.RequestCheck}'s). Only host and port come from the settings.
 *
 * <p>Not a test by itself (its name does not end in {@code Test}): {@link PlainStackTableTest} runs
 * it and compares what it gets wrong with the table in chapter 7.
 */
@Execution(ExecutionMode.CONCURRENT)
class PlainStackContract extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return PlainNettyServer.start(settings.host(), settings.port());
    }

    /** The server of Netty's example, with the echo behind it. */
    static final class PlainNettyServer implements EchoServer {

        private final EventLoopGroup group;
        private final Channel serverChannel;

        private PlainNettyServer(EventLoopGroup group, Channel serverChannel) {
            this.group = group;
            this.serverChannel = serverChannel;
        }

        static PlainNettyServer start(String host, int port) throws InterruptedException {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            Channel serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(
                                    new HttpServerCodec(),
                                    new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler("/echo"),
                                    new EchoHandler());
                        }
                    })
                    .bind(host, port).sync().channel();
            return new PlainNettyServer(group, serverChannel);
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) serverChannel.localAddress();
        }

        @Override
        public void close() {
            serverChannel.close().syncUninterruptibly();
            group.shutdownGracefully().syncUninterruptibly();
        }
    }
}
