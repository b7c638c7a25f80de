package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.netty.guard.OpenSessions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The echo server on Netty: two event loop groups, a server channel, and a pipeline per connection
 * built by {@link EchoChannelInitializer}.
 *
 * <p>The <em>boss</em> group's one thread accepts connections; each accepted channel is registered
 * with one thread of the <em>worker</em> group and stays on it for life, so every handler of a
 * channel runs on that one thread and needs no locks.
 */
public final class NettyEchoServer implements EchoServer {

    /**
     * Outbound bytes queued per channel before it turns unwritable (high) and writable again (low).
     * {@code guard.Backpressure} stops reading while a channel is unwritable: a peer that sends but
     * does not read cannot make the server buffer without end.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    /** After the sessions are closed: how long the event loops wait for stray tasks, and at most. */
    private static final long QUIET_PERIOD_MILLIS = 100;
    private static final long TERMINATION_TIMEOUT_MILLIS = 2_000;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final OpenSessions sessions;
    private final Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NettyEchoServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, OpenSessions sessions,
                            Channel serverChannel) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.sessions = sessions;
        this.serverChannel = serverChannel;
    }

    /** Binds and returns once the server listens; on failure every thread started is stopped again. */
    public static NettyEchoServer start(ServerSettings settings) throws IOException {
        EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("netty-echo-boss"), NioIoHandler.newFactory());
        // 0 threads = Netty's default, twice the number of cores.
        EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(0,
                new DefaultThreadFactory("netty-echo-worker"), NioIoHandler.newFactory());
        // Notified on the boss thread, not on Netty's global executor: no thread outlives close().
        OpenSessions sessions = new OpenSessions(bossGroup.next());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new EchoChannelInitializer(settings, sessions));
            Channel serverChannel = bootstrap.bind(settings.host(), settings.port()).sync().channel();
            return new NettyEchoServer(bossGroup, workerGroup, sessions, serverChannel);
        } catch (Exception e) { // also a BindException, which Netty's sync() throws undeclared
            stop(bossGroup, workerGroup);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while binding " + settings.host() + ":" + settings.port());
            }
            throw e instanceof IOException io ? io : new IOException("cannot start the server: " + e, e);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Stops accepting, sends Close 1001 to every session and waits up to {@link Limits#SHUTDOWN_GRACE}
     * for them to end, closes what is left, then stops the event loops.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        sessions.close(); // Close 1001 to each session, and at most SHUTDOWN_GRACE for the answers
        stop(bossGroup, workerGroup);
    }

    /** True once {@link #close()} has ended every event loop thread of this server. */
    boolean isTerminated() {
        return bossGroup.isTerminated() && workerGroup.isTerminated();
    }

    private static void stop(EventLoopGroup bossGroup, EventLoopGroup workerGroup) {
        bossGroup.shutdownGracefully(QUIET_PERIOD_MILLIS, TERMINATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        workerGroup.shutdownGracefully(QUIET_PERIOD_MILLIS, TERMINATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly();
        workerGroup.terminationFuture().awaitUninterruptibly();
    }
}
