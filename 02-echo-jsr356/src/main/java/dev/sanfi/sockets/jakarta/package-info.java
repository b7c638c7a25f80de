/**
 * The echo server and client on Jakarta WebSocket (JSR 356's successor), run by Tyrus on Grizzly.
 *
 * <p>What this module teaches: how far the standard API carries an echo server, and where a real
 * server needs the container's own classes. The endpoint ({@link dev.sanfi.sockets.jakarta.EchoEndpoint})
 * and the client ({@link dev.sanfi.sockets.jakarta.JakartaEchoClient},
 * {@link dev.sanfi.sockets.jakarta.EchoClientEndpoint}) import only {@code jakarta.websocket}. The
 * bootstrap ({@link dev.sanfi.sockets.jakarta.JakartaEchoServer}) builds the Grizzly server itself and
 * puts two filters in front of Tyrus: {@link dev.sanfi.sockets.jakarta.HandshakeGate} (complete HTTP
 * refusals, the origin check with the {@code Host} header) and {@link dev.sanfi.sockets.jakarta.FrameGuard}
 * (unmasked and oversized frames, which Tyrus lets through; invalid UTF-8 as soon as it arrives; and
 * every frame noted as a sign of life). Pings and the idle close are the server's own
 * ({@link dev.sanfi.sockets.jakarta.SilenceWatch}, counting silence from the guard's
 * {@link dev.sanfi.sockets.jakarta.LastHeard}); every send on a session goes through one
 * {@link dev.sanfi.sockets.jakarta.SessionWriter}.
 *
 * <p>Try it: {@code mvn -pl 02-echo-jsr356 exec:java}, open http://localhost:8082/, or
 * {@code mvn -pl 02-echo-jsr356 exec:java -Dexec.args="client --message hello"}. The whole story is
 * chapter 5, {@code docs/05-jakarta-tyrus.md}.
 */
package dev.sanfi.sockets.jakarta;
