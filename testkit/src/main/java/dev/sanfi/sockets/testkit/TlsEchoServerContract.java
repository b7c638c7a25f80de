package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo contract over TLS ({@code wss://}, {@code https://}): a module's TLS server test extends
 * this class exactly as its plain test extends {@link EchoServerContract}, and says only how to start
 * its server. The contract passes settings whose {@link ServerSettings#tls()} presents a self-signed
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, and its {@link WireClient}s
 * trust that certificate and check the host name, as a browser does.
 *
 * <pre>{@code
 * class RawTlsEchoServerTest extends TlsEchoServerContract {
 *     @Override
 *     protected EchoServer start(ServerSettings settings) throws Exception {
 *         return RawEchoServer.start(settings);
 *     }
 * }
 * }</pre>
 *
 * <p>RFC 6455 §4.1 (item 5 of the client's requirements for the connection) puts it in a few
 * sentences: for a secure WebSocket URI the client performs a TLS handshake first, fails the
 * connection if that fails (a certificate it cannot verify), and otherwise runs everything after
 * it, the opening handshake and the frames, through the encrypted tunnel. So the tests here are those of
 * {@link EchoServerContract} that touch the path TLS adds below the protocol (records of any size,
 * a message spread over many records, records of one byte, writes the server starts by itself: its
 * Pings and Closes), and then what is new on a TLS port: bad input before or inside the TLS
 * handshake. Each of those must end with a closed socket within the handshake timeout, no thread
 * left behind and no stack trace in the server's log (an expected condition is one line at most).
 *
 * <p>As in the plain contract, every test is a public method a module may override with a
 * {@code @DisplayName("DEVIATION: ...")} that asserts what its stack really does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TlsEchoServerContract extends ServerFixture {

    /** How long a test waits for any single answer of the server. */
    protected static final Duration TIMEOUT = WireClient.DEFAULT_TIMEOUT;

    /** The limit the shared server runs with: {@code Limits.MAX_MESSAGE_BYTES}. */
    protected static final int ONE_MIB = EchoServerContract.ONE_MIB;

    /** The largest plaintext of one TLS record (RFC 8446 §5.1, RFC 5246 §6.2.1): 2^14 bytes. */
    protected static final int MAX_RECORD_PLAINTEXT = 16 * 1024;

    /** The handshake timeout of the servers of the bad-input tests: short, so they take a second. */
    protected static final Duration SHORT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    /** The certificate every server of these tests presents; made once, in memory. */
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();
    private static final SSLContext SERVER_CONTEXT = CERTIFICATE.serverContext();
    private static final SSLContext TRUSTING = CERTIFICATE.trustingContext();

    /** The name the clients dial and check the certificate against by default (an IP literal: no SNI). */
    protected static final String HOST_NAME = "127.0.0.1";

    /** The settings of the shared server: the defaults on 127.0.0.1 and a free port, with the contract's certificate. */
    @Override
    protected ServerSettings defaultSettings() {
        return super.defaultSettings().withTls(SERVER_CONTEXT);
    }

    /** The certificate the servers present. */
    protected static SelfSignedCertificate certificate() {
        return CERTIFICATE;
    }

    /** A client's trust: the contract's certificate and nothing else. */
    protected static SSLContext trust() {
        return TRUSTING;
    }

    /** A TLS connection to the server (trusting its certificate, checking {@link #HOST_NAME}), no upgrade yet. */
    protected WireClient connect(EchoServer target) throws IOException {
        return closedAfterTest(WireClient.connectTls(target, trust(), HOST_NAME));
    }

    /** A {@code wss://} connection to {@code /echo} after a checked, valid opening handshake. */
    protected WireClient open(EchoServer target) throws IOException {
        return closedAfterTest(WireClient.openTls(target, trust(), HOST_NAME));
    }

    protected WireClient open() throws IOException {
        return open(server());
    }

    /** A plain TCP connection to the TLS port, for bytes that are not TLS. */
    protected WireClient connectPlain(EchoServer target) throws IOException {
        return closedAfterTest(WireClient.connect(target));
    }

    // ---------------------------------------------------------------------------------------------
    // The TLS handshake, then the opening handshake inside it (RFC 6455 §4.1), and the page
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §4.1: TLS first, then the same upgrade inside it: 101 with the right Sec-WebSocket-Accept")
    public void tlsHandshakeThenUpgradeGets101() throws IOException {
        WireClient client = connect(server());
        SSLSession session = client.tlsSession().orElseThrow();
        assertThat(session.getProtocol()).as("TLS 1.2 or 1.3 (RFC 8996 retired the versions before)")
                .isIn("TLSv1.2", "TLSv1.3");
        assertThat(session.getPeerCertificates()[0]).as("the server presents settings.tls()'s certificate")
                .isEqualTo(CERTIFICATE.certificate());
        HttpResponse response = client.upgrade(client.upgradeRequest());
        assertThat(response.header("Sec-WebSocket-Accept")).as("RFC 6455 §1.3 sample, over TLS")
                .isEqualTo(HandshakeRequest.SAMPLE_ACCEPT);
        EchoChecks.assertEchoes(client, Message.text("over TLS"));
    }

    @Test
    @DisplayName("RFC 6066 §3: a client that dials localhost sends it as the server name (SNI) and is served")
    public void clientSendingServerNameIsServed() throws IOException {
        WireClient client = closedAfterTest(WireClient.openTls(server(), trust(), "localhost"));
        EchoChecks.assertEchoes(client, Message.text("with SNI"));
    }

    @Test
    @DisplayName("contract §2: the server's own https:// origin (the page it serves over TLS) is accepted")
    public void ownHttpsOriginIsAccepted() throws IOException {
        WireClient client = connect(server());
        client.upgrade(client.upgradeRequest().withHeader("Origin", "https://" + client.host()));
        EchoChecks.assertEchoes(client, Message.text("same origin, https"));
    }

    @Test
    @DisplayName("contract §2: GET / over TLS serves the echo page as 200 text/html; charset=utf-8")
    public void rootServesTheEchoPageOverHttps() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.exchange(HandshakeRequest.get("/", client.host()).withHeader("Connection", "close"));
        assertThat(response.status()).as("GET / over https; got:%n%s", response).isEqualTo(200);
        String contentType = Optional.ofNullable(response.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        assertThat(contentType).as("the page's Content-Type").startsWith("text/html").contains("charset=utf-8");
        assertThat(response.bodyText()).as("the body is common's EchoPage, which opens wss:// when loaded over https://")
                .contains(new String(EchoPage.html(), StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------------
    // Echo through TLS records
    // ---------------------------------------------------------------------------------------------

    protected static IntStream echoSizes() {
        // The length forms of RFC 6455 §5.2, one record's plaintext and one byte more, and the limit
        // (64 records and more).
        return IntStream.of(0, 125, 126, MAX_RECORD_PLAINTEXT, MAX_RECORD_PLAINTEXT + 1, 65536, ONE_MIB);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("echoSizes")
    @DisplayName("contract §2 over TLS: a text message comes back as the same text, across TLS records")
    public void textIsEchoed(int size) throws IOException {
        WireClient client = open();
        Message sent = Message.text(EchoServerContract.asciiText(size));
        CompletableFuture<Void> written = client.sendInBackground(Frame.text(sent.data()).toBytes());
        EchoChecks.assertEchoReceived(client, sent);
        written.join();
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("echoSizes")
    @DisplayName("contract §2 over TLS: a binary message comes back as the same bytes, across TLS records")
    public void binaryIsEchoed(int size) throws IOException {
        WireClient client = open();
        Message sent = Message.binary(EchoServerContract.pattern(size));
        CompletableFuture<Void> written = client.sendInBackground(Frame.binary(sent.data()).toBytes());
        EchoChecks.assertEchoReceived(client, sent);
        written.join();
    }

    @Test
    @DisplayName("TLS is a stream of records: a frame sent one byte per record is echoed")
    public void frameSentOneBytePerRecordIsEchoed() throws IOException {
        WireClient client = open();
        Message sent = Message.text("one record per byte");
        client.sendInPieces(Frame.text(sent.data()).toBytes(), 1);
        EchoChecks.assertEchoReceived(client, sent);
    }

    @Test
    @DisplayName("TLS is a stream of records: a 100 KiB frame in records of 997 bytes is echoed")
    public void largeFrameInSmallRecordsIsEchoed() throws IOException {
        WireClient client = open();
        Message sent = Message.binary(EchoServerContract.pattern(100 * 1024));
        CompletableFuture<Void> written = client.sendInBackground(Frame.binary(sent.data()).toBytes(), 997);
        EchoChecks.assertEchoReceived(client, sent);
        written.join();
    }

    @Test
    @DisplayName("TLS is a stream of records: 100 messages in one write are all echoed, in order")
    public void manyMessagesInOneWriteAreEchoedInOrder() throws IOException {
        WireClient client = open();
        List<Message> sent = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Message message = i % 2 == 0 ? Message.text("message " + i) : Message.binary(EchoServerContract.pattern(i));
            sent.add(message);
            frames.add(Frame.of(message.opcode(), message.data()));
        }
        client.sendTogether(frames.toArray(Frame[]::new));
        for (Message expected : sent) {
            EchoChecks.assertEchoReceived(client, expected);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fragmentation, control frames, limits and errors over TLS
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §5.4 over TLS: a fragmented text message is echoed once, reassembled")
    public void fragmentedTextIsReassembled() throws IOException {
        WireClient client = open();
        client.sendTogether(
                Frame.text("Hel").notFinal(),
                Frame.continuation("lo, ".getBytes(StandardCharsets.UTF_8)).notFinal(),
                Frame.continuation(new byte[0]).notFinal(),
                Frame.continuation("world".getBytes(StandardCharsets.UTF_8)));
        EchoChecks.assertEchoReceived(client, Message.text("Hello, world"));
    }

    @Test
    @DisplayName("RFC 6455 §5.4 over TLS: a Ping between fragments is answered at once; the message is echoed after")
    public void pingBetweenFragmentsIsAnsweredFirst() throws IOException {
        WireClient client = open();
        client.send(Frame.text("frag").notFinal());
        client.send(Frame.ping("p1".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.readFrame()).as("RFC 6455 §5.5.3: a Pong with the Ping's payload, before the message ends")
                .isEqualTo(Frame.pong("p1".getBytes(StandardCharsets.UTF_8)).unmasked());
        client.send(Frame.continuation("ments".getBytes(StandardCharsets.UTF_8)));
        EchoChecks.assertEchoReceived(client, Message.text("fragments"));
    }

    @Test
    @DisplayName("contract §2 over TLS: a single frame of maxMessageBytes + 1 gets Close 1009, then the connection closes")
    public void frameOverTheLimitIsRefusedWith1009() throws IOException {
        WireClient client = open();
        client.sendInBackground(Frame.binary(EchoServerContract.pattern(ONE_MIB + 1)).toBytes());
        EchoChecks.assertFailsWith(client, 1009, "RFC 6455 §7.4.1 / contract §2: a message over 1 MiB in one frame, over TLS");
    }

    @Test
    @DisplayName("contract §2 over TLS: fragments that add up to more than maxMessageBytes get Close 1009")
    public void fragmentsOverTheLimitAreRefusedWith1009() throws IOException {
        WireClient client = open();
        int third = ONE_MIB / 3 + 1;
        byte[] text = EchoServerContract.asciiText(third).getBytes(StandardCharsets.US_ASCII);
        client.sendInBackground(Frame.concat(Frame.text(text).notFinal(), Frame.continuation(text).notFinal(),
                Frame.continuation(text)));
        EchoChecks.assertFailsWith(client, 1009, "RFC 6455 §7.4.1 / contract §2: a reassembled message over 1 MiB, over TLS");
    }

    @Test
    @DisplayName("RFC 6455 §5.1 over TLS: an unmasked client frame gets Close 1002 (TLS does not replace masking)")
    public void unmaskedFrameIsRefusedWith1002() throws IOException {
        WireClient client = open();
        client.send(Frame.text("Hello").unmasked());
        // RFC 6455 §5.1 asks a client to mask every frame, and makes no exception for wss://.
        EchoChecks.assertFailsWith(client, 1002, "RFC 6455 §5.1: a client masks every frame, also over TLS");
    }

    @Test
    @DisplayName("RFC 6455 §8.1 over TLS: a text message that is not UTF-8 gets Close 1007")
    public void invalidUtf8IsRefusedWith1007() throws IOException {
        WireClient client = open();
        client.send(Frame.text(new byte[] {'o', 'k', (byte) 0xFF}));
        EchoChecks.assertFailsWith(client, 1007, "RFC 6455 §8.1: text with 0xFF, over TLS");
    }

    // ---------------------------------------------------------------------------------------------
    // Closing handshake (RFC 6455 §7) and the server's own writes over TLS
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 4000})
    @DisplayName("RFC 6455 §5.5.1 over TLS: a Close is answered with the same code, then the connection closes")
    public void closeIsEchoedWithTheSameCode(int code) throws IOException {
        WireClient client = open();
        EchoChecks.assertEchoes(client, Message.text("before close"));
        client.send(Frame.close(code, "done"));
        Close reply = client.awaitClose();
        assertThat(reply.code()).as("the server's Close carries the client's code; got %s", reply).isEqualTo(code);
        EchoChecks.assertServerClosesTcp(client, "after the closing handshake over TLS");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1 over TLS: an empty Close is answered with an empty Close, then the connection closes")
    public void emptyCloseIsEchoedEmpty() throws IOException {
        WireClient client = open();
        client.send(Frame.close());
        assertThat(client.awaitClose()).as("no 1005 on the wire (RFC 6455 §7.4.1)").isEqualTo(Close.EMPTY);
        EchoChecks.assertServerClosesTcp(client, "after the closing handshake over TLS");
    }

    @Test
    @DisplayName("contract §2 over TLS: a connection silent for settings.pingInterval() gets a Ping")
    public void silentClientIsPinged() throws Exception {
        ServerSettings settings = defaultSettings().withPingInterval(Duration.ofMillis(300))
                .withIdleTimeout(Duration.ofMillis(1500));
        WireClient client = open(startOwn(settings));
        Frame frame = client.readFrame(settings.pingInterval().plus(TIMEOUT));
        assertThat(frame.opcode()).as("a write the server starts by itself goes through TLS too; got %s", frame)
                .isEqualTo(Frame.PING);
    }

    @Test
    @DisplayName("contract §2 over TLS: server close() sends Close 1001 to every session, then closes")
    public void serverCloseSendsGoingAwayToEverySession() throws Exception {
        EchoServer stopping = startOwn(defaultSettings());
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WireClient client = open(stopping);
            EchoChecks.assertEchoes(client, Message.text("session " + i));
            clients.add(client);
        }
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closed = closer.submit(stopping::close);
            for (WireClient client : clients) {
                Close close = client.awaitClose();
                assertThat(close.code()).as("on close() every session gets 1001 Going Away; got %s", close).isEqualTo(1001);
                client.acknowledgeClose(close);
                EchoChecks.assertServerClosesTcp(client, "after close(), over TLS");
            }
            closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            closer.shutdownNow();
            assertThat(closer.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("contract §2 over TLS: close() ends within the shutdown grace even while a peer that stopped reading "
            + "holds the server's writes")
    public void serverCloseIsNotHeldByAPeerThatStoppedReading() throws Exception {
        EchoServer stopping = startOwn(defaultSettings());
        // Small buffers, and 8 MiB of messages never read: the echoes fill the client's window and
        // the server's send buffer, so the server's writes (its Close 1001 at the latest) wait for
        // a reader that never comes. TLS adds a lock to every write of a blocking socket.
        WireClient deaf = closedAfterTest(WireClient.connectTls(stopping.localAddress(), trust(), HOST_NAME, 4096, 4096));
        deaf.upgrade(deaf.upgradeRequest());
        byte[] message = Frame.binary(EchoServerContract.pattern(16 * 1024)).toBytes();
        byte[] all = new byte[message.length * 512];
        for (int i = 0; i < 512; i++) {
            System.arraycopy(message, 0, all, i * message.length, message.length);
        }
        deaf.sendInBackground(all);
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closed = closer.submit(stopping::close);
            closed.get(dev.sanfi.sockets.common.Limits.SHUTDOWN_GRACE.plus(TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(deaf.closesWithin(TIMEOUT)).as("the peer's connection is closed too").isTrue();
        } finally {
            closer.shutdownNow();
            assertThat(closer.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bad input on the TLS port: each ends with a closed socket, the server unharmed and silent
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("TLS port: a plain HTTP request is not served, and its connection is closed")
    public void plainHttpRequestIsNotServed() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            WireClient plain = connectPlain(tls);
            plain.sendRaw(HandshakeRequest.get("/", plain.host()).withHeader("Connection", "close").toBytes());
            String answer = new String(plain.readToEof(SHORT_HANDSHAKE_TIMEOUT.plus(TIMEOUT)), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("no page and no upgrade without TLS (a TLS alert or an HTTP error may come back)")
                    .doesNotStartWith("HTTP/1.1 200").doesNotStartWith("HTTP/1.1 101").doesNotContain("<html");
            assertUnharmedAndSilent(tls, log, "a plain HTTP request on the TLS port");
        }
    }

    @Test
    @DisplayName("TLS port: bytes that are not TLS at all are refused, and their connection is closed")
    public void garbageIsRefused() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            WireClient garbage = connectPlain(tls);
            garbage.sendRaw(EchoServerContract.pattern(4096));
            garbage.readToEof(SHORT_HANDSHAKE_TIMEOUT.plus(TIMEOUT));
            assertUnharmedAndSilent(tls, log, "garbage on the TLS port");
        }
    }

    @Test
    @DisplayName("TLS port: a client that sends nothing is closed after settings.handshakeTimeout()")
    public void silentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            assertClosedAfterTheHandshakeTimeout(connectPlain(tls), new byte[0], "a silent client");
            assertUnharmedAndSilent(tls, log, "a silent client on the TLS port");
        }
    }

    @Test
    @DisplayName("TLS port: half a ClientHello (a stalled TLS handshake, slowloris on TLS) is closed after the handshake timeout")
    public void halfAClientHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            byte[] hello = clientHello(tls);
            assertClosedAfterTheHandshakeTimeout(connectPlain(tls), java.util.Arrays.copyOf(hello, hello.length / 2),
                    "half a ClientHello");
            assertUnharmedAndSilent(tls, log, "half a ClientHello");
        }
    }

    @Test
    @DisplayName("TLS port: a ClientHello trickled a byte at a time (slowloris on TLS) is closed at the handshake timeout")
    public void trickledClientHelloIsClosedAtTheHandshakeTimeout() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            byte[] hello = clientHello(tls);
            WireClient slow = connectPlain(tls);
            // A byte every 100 ms: each read of the server gets something long before any read
            // timeout, so only a deadline for the whole handshake ends it (the hello takes ~40 s).
            Duration step = Duration.ofMillis(100);
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < hello.length && !closed; i++) {
                try {
                    slow.sendRaw(new byte[] {hello[i]});
                } catch (IOException reset) {
                    closed = true; // the server closed first
                    break;
                }
                closed = slow.closesWithin(step);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("contract §2: the whole opening handshake, TLS included, is bounded by settings.handshakeTimeout()"
                                + " of %d ms, however the bytes trickle in", SHORT_HANDSHAKE_TIMEOUT.toMillis())
                        .isLessThan(SHORT_HANDSHAKE_TIMEOUT.plus(TIMEOUT));
            }
            assertThat(closed).as("the server closed the trickling connection").isTrue();
            assertUnharmedAndSilent(tls, log, "a trickled ClientHello");
        }
    }

    @Test
    @DisplayName("TLS port: a TLS client that never sends its upgrade request is closed after the handshake timeout")
    public void tlsClientWithoutARequestIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            // The TLS handshake is done at once; the opening handshake's deadline still runs.
            assertClosedAfterTheHandshakeTimeout(connect(tls), "GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII),
                    "a TLS client whose request head never ends");
            assertUnharmedAndSilent(tls, log, "a TLS client without a request");
        }
    }

    @Test
    @DisplayName("TLS port: a client that does not trust the certificate gives up; the server closes without a trace")
    public void clientThatDoesNotTrustTheCertificateLeavesNoTrace() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            EchoServer tls = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
            SSLContext stranger = SelfSignedCertificate.forLocalhost().trustingContext();
            assertThatThrownBy(() -> closedAfterTest(WireClient.connectTls(tls, stranger, HOST_NAME)))
                    .as("a client that trusts another certificate refuses this one").isInstanceOf(SSLException.class);
            assertUnharmedAndSilent(tls, log, "a client that refused the certificate");
        }
    }

    /** Sends {@code bytes} and expects the server to close the connection after the handshake timeout, not before. */
    private static void assertClosedAfterTheHandshakeTimeout(WireClient client, byte[] bytes, String what) throws IOException {
        long start = System.nanoTime();
        if (bytes.length > 0) {
            client.sendRaw(bytes);
        }
        client.readToEof(SHORT_HANDSHAKE_TIMEOUT.plus(TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("contract §2: %s is not an error before the handshake timeout of %d ms", what,
                        SHORT_HANDSHAKE_TIMEOUT.toMillis())
                .isGreaterThanOrEqualTo(SHORT_HANDSHAKE_TIMEOUT.dividedBy(2));
    }

    /**
     * The server still serves a good client after the bad one, stops when told, and printed no stack
     * trace: the bad input was an expected condition, worth a line at most.
     */
    private void assertUnharmedAndSilent(EchoServer tls, ServerLog log, String after) throws Exception {
        WireClient good = open(tls);
        EchoChecks.assertEchoes(good, Message.text("still serving after " + after));
        good.send(Frame.close(1000, ""));
        good.awaitClose();
        good.close();
        tls.close(); // its last log lines are written by now
        assertThat(log.stackTraceLines()).as("no stack trace in the server's log after %s; it printed:%n%s", after,
                String.join("\n", log.lines())).isEmpty();
    }

    /** The first flight of a TLS client, as the JDK sends it: a ClientHello for this server. */
    private static byte[] clientHello(EchoServer target) throws SSLException {
        SSLEngine engine = trust().createSSLEngine(HOST_NAME, target.port());
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }
}
