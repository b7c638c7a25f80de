/**
 * 03-echo-jetty: the echo server and client on Jetty 12's native WebSocket API, on jetty-core
 * (no Servlets). Read with chapter 6 of {@code docs/}.
 *
 * <p>What it teaches:
 * <ul>
 *   <li>a WebSocket endpoint on plain Jetty handlers: {@link dev.sanfi.sockets.jetty.JettyEchoServer}
 *       chains {@code UpgradeRequestCheck}, Jetty's {@code WebSocketUpgradeHandler} and {@code PageHandler};</li>
 *   <li>demand and backpressure: {@code EchoEndpoint} asks for the next frame only when the previous
 *       echo has been sent;</li>
 *   <li>what Jetty leaves to you: pings and a read-idle timeout ({@code Heartbeat}), the origin
 *       check ({@code EchoCreator}), the refusals Jetty lets fall through ({@code UpgradeRequestCheck}),
 *       a handshake deadline ({@code HandshakeDeadline}), fail-fast UTF-8 in fragmented text
 *       ({@code TextMessageBuffer}), binary taken fragment by fragment so that a slow message is not
 *       idle ({@code BinaryMessageBuffer}), a Close 1001 for every session on shutdown ({@code OpenSessions});</li>
 *   <li>fairness between connections: the thread pool of {@code ServerThreads};</li>
 *   <li>a client on Jetty's {@code WebSocketClient}: {@link dev.sanfi.sockets.jetty.JettyEchoClient}.</li>
 * </ul>
 *
 * <p>Try it: {@code mvn -pl 03-echo-jetty exec:java}, then open http://localhost:8083/, or
 * {@code mvn -pl 03-echo-jetty exec:java -Dexec.args="client --message hello"}.
 */
package dev.sanfi.sockets.jetty;
