/**
 * RFC 6455 written by hand: an echo server and client on {@code java.net} sockets and the JDK only,
 * with no WebSocket library. Read it in this order:
 *
 * <ol>
 *   <li>The opening handshake (chapter 2): {@link dev.sanfi.sockets.raw.HttpHead} reads the HTTP
 *       request, {@link dev.sanfi.sockets.raw.Handshake} checks it and answers 101 with the accept key
 *       (or a refusal that says why); {@link dev.sanfi.sockets.raw.ClientHandshake} is the other side.</li>
 *   <li>Frames (chapter 3): {@link dev.sanfi.sockets.raw.Opcode}, {@link dev.sanfi.sockets.raw.FrameParser}
 *       (a state machine: bytes in, frames out), {@link dev.sanfi.sockets.raw.Masking},
 *       {@link dev.sanfi.sockets.raw.FrameWriter}, {@link dev.sanfi.sockets.raw.MessageAssembler}
 *       (fragments into messages) and {@link dev.sanfi.sockets.raw.Utf8Validator}.</li>
 *   <li>Ping, pong and closing (chapter 4): {@link dev.sanfi.sockets.raw.CloseCode},
 *       {@link dev.sanfi.sockets.raw.ClosePayload}, {@link dev.sanfi.sockets.raw.ProtocolException}
 *       (an error that carries its close code), and the timers and closing handshake in
 *       {@link dev.sanfi.sockets.raw.WebSocketConnection}.</li>
 *   <li>The I/O shell: {@link dev.sanfi.sockets.raw.RawEchoServer} (accept loop, one thread per
 *       connection), {@link dev.sanfi.sockets.raw.EchoSession}, and
 *       {@link dev.sanfi.sockets.raw.RawEchoClient}.</li>
 * </ol>
 *
 * <p>Everything in the first three steps is pure: no socket, no thread, no clock, no randomness
 * (masking keys and handshake nonces are passed in), so the tests feed it the literal bytes of the
 * RFC's examples. Only the shell does I/O, and it only moves bytes.
 *
 * <p>Try it: {@code mvn -pl 01-echo-raw exec:java}, then open http://localhost:8081/ or run
 * {@code mvn -pl 01-echo-raw exec:java -Dexec.args="client ws://localhost:8081/echo"}.
 */
package dev.sanfi.sockets.raw;
