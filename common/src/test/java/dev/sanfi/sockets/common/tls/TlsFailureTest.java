package dev.sanfi.sockets.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TlsFailureTest {

    private static final CertificateAuthority AUTHORITY = CertificateAuthority.create();

    @Test
    void anUntrustedIssuerIsNamed() {
        SelfSignedCertificate stranger = SelfSignedCertificate.forLocalhost();
        Throwable refused = catchThrowable(() -> TlsHandshake.run(stranger.serverContext(), AUTHORITY.trustingContext(),
                "localhost"));

        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line)
                .contains("not trusted", "untrusted issuer", "--trust").doesNotContain("\n"));
    }

    @Test
    void aNewCertificateUnderTheNameOfATrustedOneIsNamedUntrusted() {
        // What a client holding the PEM of an earlier server --tls meets: same names, another key.
        SelfSignedCertificate before = SelfSignedCertificate.forLocalhost();
        SelfSignedCertificate now = SelfSignedCertificate.forLocalhost();
        Throwable refused = catchThrowable(() -> TlsHandshake.run(now.serverContext(), before.trustingContext(),
                "localhost"));

        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line)
                .contains("not trusted", "untrusted issuer"));
    }

    @Test
    void anExpiredCertificateIsNamed() {
        CertificateAuthority.Issued expired = AUTHORITY.issue(List.of("localhost"),
                Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1));
        Throwable refused = catchThrowable(() -> TlsHandshake.run(expired.serverContext(), AUTHORITY.trustingContext(),
                "localhost"));

        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line).contains("expired"));
    }

    @Test
    void aCertificateForAnotherHostIsNamed() {
        CertificateAuthority.Issued other = AUTHORITY.issue(List.of("example.org"),
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));
        for (String dialled : List.of("localhost", "127.0.0.1")) {
            Throwable refused = catchThrowable(() -> TlsHandshake.run(other.serverContext(), AUTHORITY.trustingContext(),
                    dialled));

            assertThat(TlsFailure.describe(refused)).as(dialled).hasValueSatisfying(line -> assertThat(line)
                    .contains("wrong host name", dialled));
        }
    }

    @Test
    void aTrustedCertificateForTheRightHostPasses() throws Exception {
        CertificateAuthority.Issued good = AUTHORITY.issue(List.of("localhost"),
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));

        assertThat(TlsHandshake.run(good.serverContext(), AUTHORITY.trustingContext(), "localhost")).isEqualTo("hello");
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsNamed() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket plain = new ServerSocket(0, 1, loopback)) {
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (Socket accepted = plain.accept()) {
                    accepted.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes());
                } catch (IOException ignored) {
                    // the client is gone
                }
            });
            try (Socket tcp = new Socket(loopback, plain.getLocalPort())) {
                tcp.setSoTimeout(10_000);
                Throwable refused = catchThrowable(() -> ((javax.net.ssl.SSLSocket) AUTHORITY.trustingContext()
                        .getSocketFactory().createSocket(tcp, "localhost", plain.getLocalPort(), true)).startHandshake());

                assertThat(TlsFailure.describe(refused)).hasValueSatisfying(line -> assertThat(line)
                        .contains("does not speak TLS"));
            }
            answered.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anErrorWithoutTlsInItIsNotATlsFailure() {
        assertThat(TlsFailure.describe(new ConnectException("Connection refused"))).isEmpty();
        assertThat(TlsFailure.describe(new IOException("wrapped", new IllegalStateException("x")))).isEmpty();
    }

    @Test
    void aFailureWrappedByAStackIsStillNamed() {
        SelfSignedCertificate stranger = SelfSignedCertificate.forLocalhost();
        Throwable refused = catchThrowable(() -> TlsHandshake.run(stranger.serverContext(), AUTHORITY.trustingContext(),
                "localhost"));

        assertThat(TlsFailure.describe(new IOException("upgrade failed", new RuntimeException(refused))))
                .hasValueSatisfying(line -> assertThat(line).contains("untrusted issuer"));
    }
}
