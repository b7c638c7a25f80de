package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.CertificateAuthority;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.common.tls.TlsFailure;
import dev.sanfi.sockets.common.tls.Trust;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw client over {@code wss://}: whom it trusts ({@link ClientOptions}), which names it checks and sends. */
class RawEchoClientTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CertificateAuthority AUTHORITY = CertificateAuthority.create();
    private static final SelfSignedCertificate LOCAL = SelfSignedCertificate.forLocalhost();

    private final RawEchoClientTest.Events events = new RawEchoClientTest.Events();
    private RawEchoServer server;
    private RawEchoClient client;

    @AfterEach
    void closeEverything() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A TLS server presenting {@code presented}; the URL names {@code host}. */
    private URI startServer(SSLContext presented, String host) throws IOException {
        server = RawEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withTls(presented));
        return URI.create("wss://" + host + ":" + server.port() + "/echo");
    }

    private static CertificateAuthority.Issued issued(String name, Instant notBefore, Duration validity) {
        return AUTHORITY.issue(List.of(name), notBefore, validity);
    }

    private static ClientOptions trusting(SSLContext trust) {
        return ClientOptions.defaults().withTrust(trust, true);
    }

    @Test
    @DisplayName("wss:// to a server whose certificate the options trust, under every local name: echoes")
    void trustedServerEchoes() throws Exception {
        URI uri = startServer(LOCAL.serverContext(), "localhost");
        for (String host : List.of("localhost", "127.0.0.1")) {
            RawEchoClientTest.Events own = new RawEchoClientTest.Events();
            URI named = URI.create("wss://" + host + ":" + uri.getPort() + "/echo");
            try (RawEchoClient connected = RawEchoClient.connect(named, trusting(LOCAL.trustingContext()), own)) {
                connected.sendText("over TLS to " + host);
                assertThat(own.next()).isEqualTo("over TLS to " + host);
            }
        }
    }

    @Test
    @DisplayName("by default (the JDK's trust store) a self-signed certificate is refused: untrusted issuer")
    void defaultTrustRefusesASelfSignedCertificate() throws Exception {
        URI uri = startServer(LOCAL.serverContext(), "localhost");
        Throwable refused = catchThrowable(() -> RawEchoClient.connect(uri, ClientOptions.defaults(), events));

        assertThat(refused).isInstanceOf(SSLHandshakeException.class);
        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line).contains("untrusted issuer"));
    }

    @Test
    @DisplayName("a trusted certificate for another host is refused: wrong host name")
    void wrongHostIsRefused() throws Exception {
        URI uri = startServer(issued("example.org", Instant.now().minusSeconds(60), Duration.ofDays(1)).serverContext(),
                "localhost");
        Throwable refused = catchThrowable(() -> RawEchoClient.connect(uri, trusting(AUTHORITY.trustingContext()), events));

        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line).contains("wrong host name"));
    }

    @Test
    @DisplayName("a certificate a trusted authority issued, expired yesterday, is refused: expired")
    void expiredCertificateIsRefused() throws Exception {
        URI uri = startServer(issued("localhost", Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1))
                .serverContext(), "localhost");
        Throwable refused = catchThrowable(() -> RawEchoClient.connect(uri, trusting(AUTHORITY.trustingContext()), events));

        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line).contains("expired"));
    }

    @Test
    @DisplayName("the same expired certificate, and a wrong host, pass with the checks off (--insecure)")
    void insecureSkipsBothChecks() throws Exception {
        ClientOptions insecure = ClientOptions.defaults().withTrust(Trust.anyCertificate(), false);
        URI uri = startServer(issued("example.org", Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1))
                .serverContext(), "localhost");
        client = RawEchoClient.connect(uri, insecure, events);
        client.sendText("unchecked");
        assertThat(events.next()).isEqualTo("unchecked");
    }

    @Test
    @DisplayName("RFC 6455 §4.1, RFC 6066 §3: the host name goes out as SNI (localhost too); an IP literal does not")
    void serverNameIndication() throws Exception {
        assertThat(namesSentFor("localhost")).containsExactly(new SNIHostName("localhost"));
        assertThat(namesSentFor("127.0.0.1")).isEmpty();
    }

    /** Connects to a scripted TLS server that answers the upgrade, and returns the server names the client sent. */
    private List<SNIServerName> namesSentFor(String host) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) LOCAL.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<SNIServerName>> sent = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout((int) TIMEOUT.toMillis());
                    accepted.startHandshake();
                    List<SNIServerName> names = ((ExtendedSSLSession) accepted.getSession()).getRequestedServerNames();
                    InputStream in = accepted.getInputStream();
                    byte[] head = new byte[8192];
                    int length = 0;
                    while (HttpHead.endOf(head, length) < 0) {
                        length += in.read(head, length, head.length - length);
                    }
                    HttpHead request = HttpHead.parse(java.util.Arrays.copyOf(head, length));
                    accepted.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + Handshake.acceptKey(request.value("Sec-WebSocket-Key")) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    return names;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RawEchoClient connected = RawEchoClient.connect(URI.create("wss://" + host + ":" + listener.getLocalPort() + "/"),
                    trusting(LOCAL.trustingContext()), events);
            try {
                return sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                connected.close();
            }
        }
    }

    @Test
    @DisplayName("the command line: client --trust FILE.pem echoes over wss://; without it, one line naming the check, exit 1")
    void commandLine(@TempDir Path dir) throws Exception {
        URI uri = startServer(LOCAL.serverContext(), "localhost");
        Path pem = Files.writeString(dir.resolve("server.pem"), LOCAL.pem());
        EchoModule module = new EchoModule("01-echo-raw", 8081, RawEchoServer::start, RawEchoClient::connect);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int trusted = EchoCommand.run(module, new String[] {"client", uri.toString(), "--trust", pem.toString(),
                "--message", "hello over wss"}, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(trusted).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("hello over wss");

        err.reset();
        int untrusted = EchoCommand.run(module, new String[] {"client", uri.toString(), "--message", "x"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(untrusted).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1)
                .startsWith("01-echo-raw: cannot connect to " + uri + ": the server's certificate is not trusted: untrusted issuer");
    }
}
