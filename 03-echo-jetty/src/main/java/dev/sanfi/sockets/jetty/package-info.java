/**
 * 03-echo-jetty: the echo server and client on Jetty 12's native WebSocket API, on jetty-core
 * (no Servlets). Read with chapter 6 of {@code docs/}.
 *
 * <p>What it teaches:
 * <ul>
 *   <li>the echo itself, {@link dev.sanfi.sockets.jetty.EchoEndpoint}: a {@code Session.Listener} with
 *       explicit demand, asking for the next frame only when the previous echo has been sent;</li>
 *   <li>a WebSocket endpoint on plain Jetty handlers: {@link dev.sanfi.sockets.jetty.JettyEchoServer}
 *       chains {@code guard.RequestCheck}, Jetty's {@code WebSocketUpgradeHandler} and {@code PageHandler};</li>
 *   <li>what Jetty leaves to you, in {@link dev.sanfi.sockets.jetty.guard}, out of the endpoint's sight;</li>
 *   <li>fairness between connections: the thread pool of {@code ServerThreads};</li>
 *   <li>a client on Jetty's {@code WebSocketClient}: {@link dev.sanfi.sockets.jetty.JettyEchoClient}.</li>
 * </ul>
 *
 * <p>Try it: {@code mvn -pl 03-echo-jetty exec:java}, then open http://localhost:8083/, or
 * {@code mvn -pl 03-echo-jetty exec:java -Dexec.args="client --message hello"}.
 */
package dev.sanfi.sockets.jetty;
