package dev.sanfi.sockets.netty;

/**
 * The user event {@link NettyEchoServer#close()} fires into every open channel's pipeline. Each
 * handler does its own part: an open WebSocket session is sent Close 1001 Going Away (RFC 6455
 * §7.4.1), a connection still in its HTTP phase is simply closed.
 */
enum ServerStopping {
    INSTANCE
}
