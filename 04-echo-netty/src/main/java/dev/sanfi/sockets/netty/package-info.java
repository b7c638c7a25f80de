/**
 * The echo server and client on Netty: a pipeline of small handlers, one job each.
 *
 * <p>What this module teaches (chapter 7, {@code docs/07-netty.md}):
 * <ul>
 *   <li>event loops: every channel lives on one thread, so its handlers need no locks
 *       ({@link dev.sanfi.sockets.netty.NettyEchoServer});</li>
 *   <li>the pipeline: HTTP codec and aggregation, routing and the origin check, Netty's protocol
 *       handler, reassembly, keepalive, echo ({@link dev.sanfi.sockets.netty.EchoChannelInitializer});</li>
 *   <li>write vs flush, and backpressure through channel writability
 *       ({@link dev.sanfi.sockets.netty.EchoHandler});</li>
 *   <li>what Netty's stock protocol handler leaves open, and the handlers that close it
 *       ({@link dev.sanfi.sockets.netty.CloseFrameValidator}, {@link dev.sanfi.sockets.netty.CloseHandshake},
 *       {@link dev.sanfi.sockets.netty.ConnectionFailure}).</li>
 * </ul>
 *
 * <p>Try it: {@code mvn install}, then {@code mvn -pl 04-echo-netty exec:java} and open
 * http://localhost:8084/, or {@code mvn -pl 04-echo-netty exec:java -Dexec.args="client --message hello"}.
 */
package dev.sanfi.sockets.netty;
