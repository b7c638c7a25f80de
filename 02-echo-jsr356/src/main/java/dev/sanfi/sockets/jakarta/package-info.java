/**
 * The echo server and client on Jakarta WebSocket (JSR 356's successor), run by Tyrus on Grizzly.
 *
 * <p>What this module teaches: how far the standard API carries an echo server. The endpoint,
 * {@link dev.sanfi.sockets.jakarta.EchoEndpoint}, is an annotated {@code @ServerEndpoint} that imports
 * only {@code jakarta.websocket}; the client ({@link dev.sanfi.sockets.jakarta.JakartaEchoClient},
 * {@link dev.sanfi.sockets.jakarta.EchoClientEndpoint}) too. What Tyrus leaves undone is in the
 * sub-package {@code guard}: Grizzly filters between the HTTP codec and Tyrus, which the endpoint never
 * sees. The bootstrap ({@link dev.sanfi.sockets.jakarta.JakartaEchoServer}) builds the Grizzly server
 * itself and plugs in Tyrus and the guard.
 *
 * <p>Try it: {@code mvn -pl 02-echo-jsr356 exec:java}, open http://localhost:8082/, or
 * {@code mvn -pl 02-echo-jsr356 exec:java -Dexec.args="client --message hello"}. The whole story is
 * chapter 5, {@code docs/05-jakarta-tyrus.md}.
 */
package dev.sanfi.sockets.jakarta;
