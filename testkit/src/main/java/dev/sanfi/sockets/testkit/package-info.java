/**
 * The echo contract (docs/contract.md §2) and RFC 6455 as JUnit tests that every echo server must pass.
 *
 * <h2>How a module uses it</h2>
 * A module's server test extends {@link dev.sanfi.sockets.testkit.EchoServerContract} and says only
 * how to start its server; the contract starts it on {@code 127.0.0.1}, port 0, with the settings
 * each test needs (short timers, a small message limit, an origin policy):
 *
 * <pre>{@code
 * class RawEchoServerTest extends EchoServerContract {
 *     @Override
 *     protected EchoServer start(ServerSettings settings) throws Exception {
 *         return RawEchoServer.start(settings);
 *     }
 * }
 * }</pre>
 *
 * The module's {@code pom.xml} depends on {@code dev.sanfi.sockets:testkit} with {@code test} scope;
 * {@code mvn -pl <module> test} then runs the whole contract against that module's server.
 *
 * <h2>Over TLS</h2>
 * A module's TLS test extends {@link dev.sanfi.sockets.testkit.TlsEchoServerContract} the same way,
 * with the same {@code start(ServerSettings)}: the contract's settings carry a self-signed
 * certificate in {@link dev.sanfi.sockets.common.ServerSettings#tls()}, its clients trust exactly
 * that certificate ({@link dev.sanfi.sockets.testkit.WireClient#connectTls}), and it adds bad input
 * on the TLS port (plain HTTP, garbage, a stalled TLS handshake, a client that refuses the
 * certificate), each checked for a closed socket and no stack trace in the server's log
 * ({@link dev.sanfi.sockets.testkit.ServerLog}).
 *
 * <h2>Compression</h2>
 * A server started with {@code --deflate} also passes {@link dev.sanfi.sockets.testkit.DeflateEchoServerContract}
 * (docs/contract.md §4), extended the same way, with the same {@code start(ServerSettings)}; it starts
 * the server with {@code settings.withDeflate(true)}. Its side of permessage-deflate is
 * {@link dev.sanfi.sockets.testkit.DeflatePeer}, the contract's own few lines of {@code java.util.zip}.
 *
 * <h2>The shared server</h2>
 * The contracts above and {@link dev.sanfi.sockets.testkit.ClientTlsChecks} start their servers
 * alike, in {@link dev.sanfi.sockets.testkit.ServerFixture}: one per class with
 * {@code defaultSettings()}, closed after the last test, and a test's own servers and clients
 * closed after that test.
 *
 * <h2>The clients over TLS</h2>
 * A module's client TLS test extends {@link dev.sanfi.sockets.testkit.ClientTlsChecks} with the
 * same {@code start(ServerSettings)} and its client's {@code connect(URI, ClientOptions, ClientEvents)}:
 * the echo over {@code wss://}, the certificates a client refuses and the one line that names the
 * check, {@code client --trust FILE.pem} and {@code --insecure}. What the client hears is read from
 * {@link dev.sanfi.sockets.testkit.HeardEvents}.
 *
 * <h2>When a stack cannot meet a rule</h2>
 * Every contract test is a public, non-final method. A module whose stack truly cannot follow a rule
 * overrides that one method with {@code @Test} (plus the same parameter source for a parameterized
 * test) and {@code @DisplayName("DEVIATION: ...")}, asserts what the stack really does, and explains
 * why in its chapter. Nothing else is skipped, and no test is switched off. The settings the
 * contract starts servers with ({@code defaultSettings()}, {@code shortTimerSettings()}) are
 * overridable for the same reason only: a stack whose timers cannot be that short says so there.
 *
 * <h2>The wire client</h2>
 * {@link dev.sanfi.sockets.testkit.WireClient} talks to the server on a plain socket and shares no
 * code with any module, so that a module's frame bug cannot hide on both ends of a test. It writes
 * any {@link dev.sanfi.sockets.testkit.Frame} (any bits, opcode, length form; masked with the fixed
 * key of the RFC 6455 §5.7 examples so every byte is reproducible) or raw bytes, sends any
 * {@link dev.sanfi.sockets.testkit.HandshakeRequest}, and reads back
 * {@link dev.sanfi.sockets.testkit.HttpResponse}s, frames, {@link dev.sanfi.sockets.testkit.Message}s,
 * the server's {@link dev.sanfi.sockets.testkit.Close} and the end of the TCP stream, each with a
 * timeout.
 */
package dev.sanfi.sockets.testkit;
