package dev.sanfi.sockets.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SelfSignedCertificateTest {

    private static final SelfSignedCertificate LOCAL = SelfSignedCertificate.forLocalhost();

    @Test
    void aClientThatTrustsItAcceptsTheServerUnderEveryLocalName() throws Exception {
        for (String name : SelfSignedCertificate.LOCAL_NAMES) {
            assertThat(TlsHandshake.run(LOCAL.serverContext(), LOCAL.trustingContext(), name)).as(name).isEqualTo("hello");
        }
    }

    @Test
    void aCertificateForAnotherHostFailsTheHostNameCheck() {
        SelfSignedCertificate other = SelfSignedCertificate.create(List.of("example.org"),
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));
        assertThatThrownBy(() -> TlsHandshake.run(other.serverContext(), other.trustingContext(), "localhost"))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("localhost");
    }

    @Test
    void anotherSelfSignedCertificateIsNotTrusted() {
        SelfSignedCertificate stranger = SelfSignedCertificate.forLocalhost();
        assertThatThrownBy(() -> TlsHandshake.run(stranger.serverContext(), LOCAL.trustingContext(), "localhost"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void itsPemReadsBackAsTheSameCertificate(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("server.pem");
        Files.writeString(file, LOCAL.pem(), StandardCharsets.US_ASCII);
        assertThat(LOCAL.pem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Trust.readPem(file)).containsExactly(LOCAL.certificate());
    }

    @Test
    void itsPrivateKeyPemReadsBackAsTheKeyThatServesTheCertificate() throws Exception {
        String pem = LOCAL.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----END PRIVATE KEY-----");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));

        SSLContext server = SelfSignedCertificate.serverContext(key, LOCAL.certificate());
        assertThat(TlsHandshake.run(server, LOCAL.trustingContext(), "localhost")).isEqualTo("hello");
    }

    @Test
    void aFileWithoutACertificateIsACleanError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not.pem");
        Files.writeString(file, "hello\n");
        assertThatThrownBy(() -> Trust.readPem(file)).isInstanceOf(IOException.class).hasMessageContaining("not.pem");
    }

    @Test
    void theFingerprintIsTheSha256OfTheCertificateInColonHex() {
        assertThat(LOCAL.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }
}
