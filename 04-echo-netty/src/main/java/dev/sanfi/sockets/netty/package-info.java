/**
 * The echo server and client on Netty. Start reading at {@link dev.sanfi.sockets.netty.EchoHandler}:
 * the echo itself, a {@code SimpleChannelInboundHandler} behind Netty's own WebSocket handler.
 *
 * <p>What this module teaches (chapter 7, {@code docs/07-netty.md}):
 * <ul>
 *   <li>the idiomatic pipeline: HTTP codec, aggregator, {@code WebSocketServerProtocolHandler},
 *       the echo ({@link dev.sanfi.sockets.netty.EchoChannelInitializer});</li>
 *   <li>event loops: every channel lives on one thread, so its handlers need no locks
 *       ({@link dev.sanfi.sockets.netty.NettyEchoServer});</li>
 *   <li>write vs flush ({@link dev.sanfi.sockets.netty.EchoHandler});</li>
 *   <li>what Netty's stock handlers leave open, and the handlers of the {@code guard} package
 *       that close each gap, one rule per class;</li>
 *   <li>what the profiler found on one core, in the {@code tuning} package: the UTF-8 check of
 *       text, eight ASCII bytes at a time.</li>
 * </ul>
 *
 * <p>Try it: {@code mvn install}, then {@code mvn -pl 04-echo-netty exec:java} and open
 * http://localhost:8084/, or {@code mvn -pl 04-echo-netty exec:java -Dexec.args="client --message hello"}.
 */
package dev.sanfi.sockets.netty;
