package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wire client over TLS against a scripted TLS peer: what it checks, and what it sends in the handshake. */
@Timeout(30)
class WireClientTlsTest {

    private static final SelfSignedCertificate LOCAL = SelfSignedCertificate.forLocalhost();

    private SSLServerSocket listener;
    private CompletableFuture<List<SNIServerName>> served;

    @BeforeEach
    void listen() throws IOException {
        listen(LOCAL);
    }

    private void listen(SelfSignedCertificate certificate) throws IOException {
        if (listener != null) {
            listener.close();
        }
        listener = (SSLServerSocket) certificate.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        served = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                accepted.setSoTimeout(10_000);
                accepted.startHandshake();
                List<SNIServerName> names = ((javax.net.ssl.ExtendedSSLSession) accepted.getSession()).getRequestedServerNames();
                accepted.getOutputStream().write("\u0081\u0002hi".getBytes(StandardCharsets.ISO_8859_1));
                accepted.getInputStream().read();
                return names;
            } catch (IOException e) {
                return null; // the client refused us
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    @Test
    void aTrustedServerUnderItsNameIsReadLikeAPlainOne() throws Exception {
        try (WireClient client = WireClient.connectTls(address(), LOCAL.trustingContext(), "localhost")) {
            assertThat(client.tlsSession()).hasValueSatisfying(session ->
                    assertThat(session.getProtocol()).startsWith("TLSv1."));
            assertThat(client.host()).isEqualTo("localhost:" + listener.getLocalPort());
            assertThat(client.readFrame().text()).isEqualTo("hi");
        }
        assertThat(served.get(10, TimeUnit.SECONDS)).as("RFC 6066 §3: the name dialled goes out as SNI")
                .containsExactly(new SNIHostName("localhost"));
    }

    @Test
    void anIpLiteralIsCheckedButNotSentAsAServerName() throws Exception {
        try (WireClient client = WireClient.connectTls(address(), LOCAL.trustingContext(), "127.0.0.1")) {
            assertThat(client.readFrame().text()).isEqualTo("hi");
        }
        assertThat(served.get(10, TimeUnit.SECONDS)).as("RFC 6066 §3: no IP literal in SNI")
                .noneMatch(name -> name.getType() == StandardConstants.SNI_HOST_NAME);
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        SelfSignedCertificate other = SelfSignedCertificate.create(List.of("example.org"), Instant.now().minusSeconds(60),
                Duration.ofDays(1));
        listen(other);
        assertThatThrownBy(() -> WireClient.connectTls(address(), other.trustingContext(), "localhost").close())
                .as("trusted, but not for the name dialled (RFC 2818 §3.1)")
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("localhost");
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        assertThatThrownBy(() -> WireClient.connectTls(address(), SelfSignedCertificate.forLocalhost().trustingContext(),
                "localhost").close()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aPlainConnectionHasNoTlsSession() throws Exception {
        try (WireClient plain = WireClient.connect(address())) {
            assertThat(plain.tlsSession()).isEmpty();
        }
    }
}
