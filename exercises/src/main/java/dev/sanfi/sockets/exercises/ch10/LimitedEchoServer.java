package dev.sanfi.sockets.exercises.ch10;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.exercises.ch7.TextbookPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Chapter 10, exercise 3: chapter 7's textbook echo on Netty with {@link PerAddressLimit} in front
 * of the protocol handler. One event loop accepts, one serves; {@link #close()} ends both.
 */
public final class LimitedEchoServer implements EchoServer {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listening;
    private final ConnectionsPerAddress connections;

    private LimitedEchoServer(EventLoopGroup boss, EventLoopGroup workers, Channel listening,
            ConnectionsPerAddress connections) {
        this.boss = boss;
        this.workers = workers;
        this.listening = listening;
        this.connections = connections;
    }

    /** Listens on {@code host} and a free port; at most {@code perAddress} connections from one client address. */
    public static LimitedEchoServer start(String host, int perAddress) throws InterruptedException {
        ConnectionsPerAddress connections = new ConnectionsPerAddress(perAddress);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("limited-echo-boss"),
                NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("limited-echo-worker"),
                NioIoHandler.newFactory());
        try {
            Channel listening = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new TextbookPipeline(TextbookPipeline.echoAt("/echo"),
                            () -> List.of(new PerAddressLimit(connections))))
                    .bind(host, 0).sync().channel();
            return new LimitedEchoServer(boss, workers, listening, connections);
        } catch (RuntimeException | InterruptedException e) {
            shutDown(boss, workers);
            throw e;
        }
    }

    /** The connections open now from {@code address}, as the limit counts them. */
    public int openFrom(InetAddress address) {
        return connections.openFrom(address);
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listening.localAddress();
    }

    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        shutDown(boss, workers);
    }

    private static void shutDown(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
