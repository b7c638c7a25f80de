package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.CertificateAuthority;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.common.tls.TlsFailure;
import dev.sanfi.sockets.common.tls.Trust;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module's client over {@code wss://}: whom it trusts ({@link ClientOptions}: the JDK's trust store,
 * {@code --trust FILE.pem}, {@code --insecure}), which checks refuse a server (an untrusted issuer,
 * an expired certificate, another host's name, RFC 6125) and the one line that says which. A module's
 * client TLS test extends this class, says how to start its server, how its client connects and
 * (when narrower than an {@code IOException}) what its connect throws for a refused server, and may
 * add tests of its own:
 *
 * <pre>{@code
 * class RawEchoClientTlsTest extends ClientTlsChecks {
 *     RawEchoClientTlsTest() {
 *         super(RawEchoServer::start, RawEchoClient::connect, SSLHandshakeException.class);
 *     }
 * }
 * }</pre>
 *
 * <p>The shared server presents a self-signed certificate for {@code localhost}, {@code 127.0.0.1}
 * and {@code ::1}; the certificates a client must refuse are issued by a test authority
 * ({@link CertificateAuthority}), since the JDK does not check the dates of a trust anchor itself.
 * As in the server contracts, every test is a public method a module may override with a
 * {@code @DisplayName("DEVIATION: ...")} that asserts what its client really does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClientTlsChecks extends ServerFixture {

    /** The handshake deadline of the server that checks an upgraded connection outlives it. */
    protected static final Duration SHORT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    /** What the shared server presents: a self-signed certificate for every local name. */
    private static final SelfSignedCertificate LOCAL = SelfSignedCertificate.forLocalhost();
    /** The issuer of the certificates a client must refuse by their names or dates. */
    private static final CertificateAuthority AUTHORITY = CertificateAuthority.create();

    private final EchoServer.Starter server;
    private final EchoClientSession.Connector client;
    private final Class<? extends Exception> refusal;

    /**
     * @param server  how the module starts its server
     * @param client  how the module's client connects
     * @param refusal what the client's connect throws when TLS refuses the server
     */
    protected ClientTlsChecks(EchoServer.Starter server, EchoClientSession.Connector client,
                              Class<? extends Exception> refusal) {
        this.server = server;
        this.client = client;
        this.refusal = refusal;
    }

    /** A module whose connect throws an {@code IOException} (or a narrower one) when TLS refuses the server. */
    protected ClientTlsChecks(EchoServer.Starter server, EchoClientSession.Connector client) {
        this(server, client, IOException.class);
    }

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return server.start(settings);
    }

    /** Connects this module's client; it has finished the opening handshake when this returns. */
    protected EchoClientSession connect(URI uri, ClientOptions options, ClientEvents events) throws Exception {
        return client.connect(uri, options, events);
    }

    /**
     * Where the JDK's own reason for a refused certificate shows in what connect throws: anywhere among
     * its causes by default; a client that throws the handshake's exception itself narrows it to its message.
     */
    protected String reasonOf(Throwable refused) {
        StringWriter trace = new StringWriter();
        refused.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** The settings of the shared server: the defaults on 127.0.0.1 and a free port, with {@link #certificate()}. */
    @Override
    protected ServerSettings defaultSettings() {
        return super.defaultSettings().withTls(LOCAL.serverContext());
    }

    /** The certificate the shared server presents. */
    protected static SelfSignedCertificate certificate() {
        return LOCAL;
    }

    /** The {@code wss://} URL of {@code /echo} on {@code target}, by this host name. */
    protected static URI wss(EchoServer target, String host) {
        return URI.create("wss://" + host + ":" + target.port() + "/echo");
    }

    /** Options that trust {@code trust} and check the host name, as {@code client --trust FILE.pem} does. */
    protected static ClientOptions trusting(SSLContext trust) {
        return ClientOptions.defaults().withTrust(trust, true);
    }

    /** A server of its own for one test, presenting a certificate the test authority issued for {@code name}. */
    protected EchoServer startIssued(String name, Instant notBefore, Duration validity) throws Exception {
        return startOwn(defaultSettings().withTls(AUTHORITY.issue(List.of(name), notBefore, validity).serverContext()));
    }

    /** A server of its own presenting a certificate, valid now, for {@code other.example} only. */
    protected EchoServer startForAnotherHost() throws Exception {
        return startIssued("other.example", Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));
    }

    /** What trusts the issuer of {@link #startIssued} and {@link #startForAnotherHost}, and nothing else. */
    protected static SSLContext authority() {
        return AUTHORITY.trustingContext();
    }

    // ---------------------------------------------------------------------------------------------
    // Trusted: the echo over wss://
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("wss:// to a server whose certificate the options trust, by name and by IP literal: text and binary echo, Close 1000 is answered")
    public void echoesUnderEveryLocalName() throws Exception {
        for (String host : List.of("localhost", "127.0.0.1")) {
            HeardEvents heard = new HeardEvents();
            try (EchoClientSession session = connect(wss(server(), host), trusting(LOCAL.trustingContext()), heard)) {
                session.sendText("héllo over TLS to " + host);
                assertThat(heard.next()).as(host).isEqualTo("text héllo over TLS to " + host);
                session.sendBinary(new byte[70_000]);
                assertThat(heard.next()).as(host).isEqualTo("binary 70000");
                session.sendClose(1000, "done");
                assertThat(heard.next()).as(host).isEqualTo("close 1000 done");
            }
        }
    }

    @Test
    @DisplayName("a wss:// connection outlives the server's handshake deadline, which is for the handshakes only")
    public void upgradedConnectionOutlivesTheHandshakeDeadline() throws Exception {
        EchoServer strict = startOwn(defaultSettings().withHandshakeTimeout(SHORT_HANDSHAKE_TIMEOUT));
        HeardEvents heard = new HeardEvents();
        try (EchoClientSession session = connect(wss(strict, "localhost"), trusting(LOCAL.trustingContext()), heard)) {
            session.sendText("before");
            assertThat(heard.next()).isEqualTo("text before");
            // Twice the deadline without a Close or an error: the connection stays as it was.
            await().during(SHORT_HANDSHAKE_TIMEOUT.multipliedBy(2)).atMost(SHORT_HANDSHAKE_TIMEOUT.multipliedBy(4))
                    .until(heard::nothingYet);
            session.sendText("after");
            assertThat(heard.next()).isEqualTo("text after");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Refused: each check, and the one line that names it
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("by default (the JDK's trust store) a self-signed certificate is refused: untrusted issuer")
    public void jdkTrustStoreRefusesASelfSignedCertificate() {
        Throwable refused = catchThrowable(() -> connect(wss(server(), "localhost"), ClientOptions.defaults(),
                new HeardEvents()).close());

        assertRefused(refused, "PKIX path building failed", "untrusted issuer");
    }

    @Test
    @DisplayName("RFC 6125: a trusted certificate for another host is refused, by name and by IP literal: wrong host name")
    public void certificateForAnotherHostIsRefused() throws Exception {
        EchoServer other = startForAnotherHost();
        for (Map.Entry<String, String> host : Map.of("localhost", "No subject alternative DNS name matching localhost",
                "127.0.0.1", "No subject alternative names matching IP address 127.0.0.1").entrySet()) {
            Throwable refused = catchThrowable(() -> connect(wss(other, host.getKey()), trusting(authority()),
                    new HeardEvents()).close());
            assertRefused(refused, host.getValue(), "wrong host name");
        }
    }

    @Test
    @DisplayName("with the host-name check off, a trusted certificate for another host echoes")
    public void hostNameCheckOffAcceptsATrustedCertificateForAnotherHost() throws Exception {
        HeardEvents heard = new HeardEvents();
        try (EchoClientSession session = connect(wss(startForAnotherHost(), "localhost"), hostNameUnchecked(), heard)) {
            session.sendText("unchecked host");
            assertThat(heard.next()).isEqualTo("text unchecked host");
        }
    }

    /** Options that trust the test authority but do not check the host name. */
    protected static ClientOptions hostNameUnchecked() {
        return ClientOptions.defaults().withTrust(authority(), false);
    }

    @Test
    @DisplayName("a certificate a trusted authority issued, expired yesterday, is refused: expired")
    public void expiredCertificateIsRefused() throws Exception {
        EchoServer expired = startIssued("localhost", Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
        Throwable refused = catchThrowable(() -> connect(wss(expired, "localhost"), trusting(authority()),
                new HeardEvents()).close());

        assertRefused(refused, "validity check failed", "expired");
    }

    @Test
    @DisplayName("--insecure (a trust that checks nothing, no host-name check): an expired certificate for another host echoes")
    public void insecureAcceptsAnyCertificate() throws Exception {
        EchoServer anything = startIssued("other.example", Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
        HeardEvents heard = new HeardEvents();
        try (EchoClientSession session = connect(wss(anything, "localhost"),
                ClientOptions.defaults().withTrust(Trust.anyCertificate(), false), heard)) {
            session.sendText("unchecked");
            assertThat(heard.next()).isEqualTo("text unchecked");
        }
    }

    /**
     * Connect failed with this module's refusal (the constructor's), the JDK's reason shows where {@link #reasonOf}
     * looks, and {@link TlsFailure}'s one line (what the command line prints) names the check.
     */
    protected void assertRefused(Throwable refused, String jdkReason, String check) {
        assertThat(refused).as("connect fails").isInstanceOf(refusal);
        assertThat(reasonOf(refused)).contains(jdkReason);
        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line).contains(check));
    }

    // ---------------------------------------------------------------------------------------------
    // The command line: client --trust FILE.pem, --insecure
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("the command line: client --trust FILE.pem echoes over wss://; without it, one line naming the check, exit 1")
    public void commandLineTrustsAPemFile(@TempDir Path dir) throws Exception {
        URI uri = wss(server(), "localhost");
        Path pem = Files.writeString(dir.resolve("server.pem"), LOCAL.pem());

        Run trusted = run("client", uri.toString(), "--trust", pem.toString(), "--message", "hello over wss");
        assertThat(trusted.exit()).as(trusted.err()).isZero();
        assertThat(trusted.out().lines()).containsExactly("hello over wss");

        Run untrusted = run("client", uri.toString(), "--message", "x");
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).hasLineCount(1).startsWith(moduleName() + ": cannot connect to " + uri
                + ": the server's certificate is not trusted: untrusted issuer");
    }

    @Test
    @DisplayName("the command line: client --insecure echoes from a server nobody trusts, after one warning line")
    public void commandLineInsecureWarns() throws Exception {
        Run insecure = run("client", wss(server(), "localhost").toString(), "--insecure", "--message", "unchecked");

        assertThat(insecure.exit()).as(insecure.err()).isZero();
        assertThat(insecure.out().lines()).containsExactly("unchecked");
        assertThat(insecure.err()).hasLineCount(1).startsWith(moduleName() + ": warning: --insecure");
    }

    /** The exit code of a command line and what it printed. */
    protected record Run(int exit, String out, String err) {
    }

    /** Runs the shared command line ({@link EchoCommand}) with this module's server and client. */
    protected Run run(String... args) {
        EchoModule module = new EchoModule(moduleName(), 0, server, client);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EchoCommand.run(module, args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The name the command line's lines start with: the test class's. */
    protected String moduleName() {
        return getClass().getSimpleName();
    }
}
