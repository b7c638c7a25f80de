package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.URI;
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
 * trust, the host-name check; and that the handshake deadline spares an upgraded connection. The
 * server side over TLS is testkit's TlsEchoServerContract.
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
            // Twice the deadline without a Close or an error: the connection stays as it was.
            await().during(HANDSHAKE_TIMEOUT.multipliedBy(2)).atMost(HANDSHAKE_TIMEOUT.multipliedBy(4))
                    .until(events.events::isEmpty);
            client.sendText("after");
            assertThat(events.next()).isEqualTo("text after");
        }
    }
}
