/**
 * RFC 6455 written by hand: an echo server and client on JDK sockets and the JDK only, with no
 * WebSocket library. Read it in this order:
 *
 * <ol>
 *   <li>The opening handshake (chapter 2): {@link dev.sanfi.sockets.raw.HttpHead} reads the HTTP
 *       request, {@link dev.sanfi.sockets.raw.Handshake} checks it and answers 101 with the accept key
 *       (or a refusal that says why); {@link dev.sanfi.sockets.raw.ClientHandshake} is the other side.</li>
 *   <li>Frames (chapter 3): {@link dev.sanfi.sockets.raw.Opcode}, {@link dev.sanfi.sockets.raw.FrameParser}
 *       (a state machine: bytes in, frames out), {@link dev.sanfi.sockets.raw.Masking},
 *       {@link dev.sanfi.sockets.raw.FrameWriter}, {@link dev.sanfi.sockets.raw.MessageAssembler}
 *       (fragments into messages) and {@link dev.sanfi.sockets.raw.Utf8Validator}.</li>
 *   <li>The connection (chapters 3 and 4): {@link dev.sanfi.sockets.raw.CloseCode},
 *       {@link dev.sanfi.sockets.raw.ClosePayload}, {@link dev.sanfi.sockets.raw.ProtocolException}
 *       (an error that carries its close code), and the connection core,
 *       {@link dev.sanfi.sockets.raw.protocol.Connection}: Ping and Pong, the closing handshake and
 *       failing, as a state machine that takes bytes and returns events and bytes.</li>
 *   <li>The I/O shells, which move bytes and keep the time, over the same core: {@code --io threads}
 *       ({@link dev.sanfi.sockets.raw.RawEchoServer}, {@link dev.sanfi.sockets.raw.EchoSession},
 *       {@link dev.sanfi.sockets.raw.WebSocketConnection}, also the {@link dev.sanfi.sockets.raw.RawEchoClient}'s)
 *       and {@code --io selector} ({@link dev.sanfi.sockets.raw.io.SelectorEchoServer}), sharing
 *       {@link dev.sanfi.sockets.raw.io.ConnectionTimers}.</li>
 * </ol>
 *
 * <p>Everything in the first three steps is pure: no socket, no thread, no clock, no randomness
 * (masking keys and handshake nonces are passed in), so the tests feed it the literal bytes of the
 * RFC's examples; {@code ProtocolPurityTest} checks the connection core and every class here that it
 * uses. Only the shells of the fourth step do I/O: they move bytes and run the timers the core asks for.
 *
 * <p>Try it: {@code mvn -pl 01-echo-raw exec:java}, then open http://localhost:8081/ or run
 * {@code mvn -pl 01-echo-raw exec:java -Dexec.args="client ws://localhost:8081/echo"}.
 */
package dev.sanfi.sockets.raw;
