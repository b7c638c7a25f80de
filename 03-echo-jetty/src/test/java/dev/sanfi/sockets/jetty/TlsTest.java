package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * wss:// and https:// through Jetty's SslConnectionFactory, and the Jetty client's side of TLS:
 * trust, the host-name check, and what a TLS port does with bytes that are not TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(JettyEchoClientTest.CLIENT_THREADS)
class TlsTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    private final SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
    private JettyEchoServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withHandshakeTimeout(HANDSHAKE_TIMEOUT).withTls(certificate.serverContext()));
    }

    @AfterAll
    void closeServer() {
        server.close();
    }

    private URI echo(String host) {
        return URI.create("wss://" + host + ":" + server.port() + "/echo");
    }

    @Test
    @DisplayName("a client that trusts the certificate echoes over wss://, by name and by IP literal")
    void echoesOverWss() throws Exception {
        for (String host : List.of("localhost", "127.0.0.1")) {
            JettyEchoClientTest.Recorded events = new JettyEchoClientTest.Recorded();
            try (JettyEchoClient client = JettyEchoClient.connect(echo(host),
                    ClientOptions.defaults().withTrust(certificate.trustingContext(), true), events)) {
                client.sendText("over TLS to " + host);
                assertThat(events.next()).isEqualTo("text over TLS to " + host);
                client.sendClose(1000, "done");
                assertThat(events.next()).isEqualTo("close 1000 done");
            }
        }
    }

    @Test
    @DisplayName("the page is served over https://")
    void pageOverHttps() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(new String(EchoPage.html(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the JDK's trust store does not trust a self-signed certificate: connect fails")
    void untrustedCertificateFailsConnect() {
        assertThatThrownBy(() -> JettyEchoClient.connect(echo("localhost"), ClientOptions.defaults(),
                new JettyEchoClientTest.Recorded()).close())
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    @DisplayName("a trusted certificate for another host fails the host-name check, unless it is switched off")
    void wrongHostFailsUnlessInsecure() throws Exception {
        SelfSignedCertificate elsewhere = SelfSignedCertificate.create(List.of("example.com"),
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));
        JettyEchoServer other = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withTls(elsewhere.serverContext()));
        try {
            URI url = URI.create("wss://localhost:" + other.port() + "/echo");
            assertThatThrownBy(() -> JettyEchoClient.connect(url,
                    ClientOptions.defaults().withTrust(elsewhere.trustingContext(), true),
                    new JettyEchoClientTest.Recorded()).close())
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("No subject alternative DNS name matching localhost");
            JettyEchoClientTest.Recorded events = new JettyEchoClientTest.Recorded();
            try (JettyEchoClient client = JettyEchoClient.connect(url,
                    ClientOptions.defaults().withTrust(elsewhere.trustingContext(), false), events)) {
                client.sendText("insecure");
                assertThat(events.next()).isEqualTo("text insecure");
            }
        } finally {
            other.close();
        }
    }

    @Test
    @DisplayName("a wss:// connection outlives the handshake deadline, which is for the handshakes only")
    void upgradedConnectionOutlivesTheHandshakeDeadline() throws Exception {
        JettyEchoClientTest.Recorded events = new JettyEchoClientTest.Recorded();
        try (JettyEchoClient client = JettyEchoClient.connect(echo("localhost"),
                ClientOptions.defaults().withTrust(certificate.trustingContext(), true), events)) {
            client.sendText("before");
            assertThat(events.next()).isEqualTo("text before");
            await().pollDelay(HANDSHAKE_TIMEOUT.multipliedBy(2)).atMost(HANDSHAKE_TIMEOUT.multipliedBy(4))
                    .until(() -> true);
            client.sendText("after");
            assertThat(events.next()).isEqualTo("text after");
        }
    }

    @Test
    @DisplayName("plain HTTP on the TLS port is dropped at once, no answer awaited")
    void plainHttpIsDropped() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("garbage on the TLS port is dropped at once")
    void garbageIsDropped() throws IOException {
        try (Socket socket = connect()) {
            byte[] garbage = new byte[512];
            new java.util.Random(7).nextBytes(garbage);
            socket.getOutputStream().write(garbage);
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("a TLS handshake that stalls is closed at the handshake deadline")
    void stalledTlsHandshakeIsClosed() throws IOException {
        try (Socket socket = connect()) {
            // The first bytes of a ClientHello record (type 22, TLS 1.0 record version, a length), then nothing.
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            assertClosedWithin(socket, HANDSHAKE_TIMEOUT.plusSeconds(5));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return socket;
    }

    /** Reads until the server closes TCP (EOF or reset); whatever it sends first is ignored. */
    private static void assertClosedWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) != -1) {
                // a TLS alert, maybe; the close is what counts
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeout.toMillis() + " ms", e);
        } catch (SocketException e) {
            // reset by the server: closed as well
        }
    }
}
