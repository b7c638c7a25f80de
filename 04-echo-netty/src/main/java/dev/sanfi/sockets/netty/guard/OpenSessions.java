package dev.sanfi.sockets.netty.guard;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.Limits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's open connections, and which of them are WebSocket sessions. On {@link #close()}
 * each session gets Close 1001 Going Away ("a server going down", RFC 6455 §7.4.1) and
 * {@link Limits#SHUTDOWN_GRACE} to answer; a connection still in its HTTP phase is closed at once
 * (there is nobody to say Going Away to); what is left after the grace is closed.
 *
 * <p>Netty closes the channels of an event loop group that shuts down, but sends no Close frame.
 * One instance serves every pipeline ({@link Sharable}); it sits after the protocol handler, where
 * it sees {@link HandshakeComplete}, and acts on no frame.
 */
@Sharable
public final class OpenSessions extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSessions.class);

    private final ChannelGroup connections;
    private final ChannelGroup sessions;

    /** {@code executor} notifies the groups' futures; a channel leaves its groups when it closes. */
    public OpenSessions(EventExecutor executor) {
        connections = new DefaultChannelGroup("connections", executor);
        sessions = new DefaultChannelGroup("sessions", executor);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connections.add(ctx.channel());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeComplete) {
            sessions.add(ctx.channel());
        }
        ctx.fireUserEventTriggered(event);
    }

    /** The number of open connections, sessions or not. */
    public int size() {
        return connections.size();
    }

    /** Close 1001 to every session, closes the other connections, and waits at most the grace. */
    public void close() {
        for (Channel channel : connections) {
            // Decided on the channel's own thread, after the task that may be completing its upgrade:
            // a client that has just read its 101 is a session here too.
            if (channel.eventLoop().inEventLoop()) {
                goAway(channel);
            } else {
                channel.eventLoop().execute(() -> goAway(channel));
            }
        }
        boolean allClosed = connections.newCloseFuture()
                .awaitUninterruptibly(Limits.SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        if (!allClosed) {
            LOG.info("closing {} connection(s) that did not finish the closing handshake in time", connections.size());
            connections.close().awaitUninterruptibly();
        }
    }

    private void goAway(Channel channel) {
        if (sessions.contains(channel)) {
            // From the tail of the pipeline: every handler sees this Close go out.
            channel.writeAndFlush(new CloseWebSocketFrame(CloseCodes.GOING_AWAY, "server stopping"));
        } else {
            channel.close();
        }
    }
}
