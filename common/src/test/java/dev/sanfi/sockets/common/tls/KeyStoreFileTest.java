package dev.sanfi.sockets.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class KeyStoreFileTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aServerPresentsTheCertificateOfItsKeyStore() throws Exception {
        KeyStoreFile file = KeyStoreFile.load(KeyStoreFiles.write(CERTIFICATE, dir.resolve("server.p12"), PASSWORD), PASSWORD);

        assertThat(file.certificate()).isEqualTo(CERTIFICATE.certificate());
        assertThat(file.sha256Fingerprint()).isEqualTo(CERTIFICATE.sha256Fingerprint());
        assertThat(file.expiredAt(Instant.now())).isFalse();
        assertThat(TlsHandshake.run(file.serverContext(), CERTIFICATE.trustingContext(), "localhost")).isEqualTo("hello");
    }

    @Test
    void aWrongPasswordIsSaidSo() throws Exception {
        Path written = KeyStoreFiles.write(CERTIFICATE, dir.resolve("server.p12"), PASSWORD);

        assertThatThrownBy(() -> KeyStoreFile.load(written, "guess".toCharArray()))
                .isInstanceOf(IOException.class).hasMessage(written + ": wrong password");
    }

    @Test
    void aFileThatIsNoKeyStoreIsSaidSo() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.p12"), "not a key store\n");

        assertThatThrownBy(() -> KeyStoreFile.load(text, PASSWORD))
                .isInstanceOf(IOException.class).hasMessageStartingWith(text + ": not a PKCS#12 key store");
    }

    @Test
    void aMissingFileIsSaidSo() {
        Path missing = dir.resolve("missing.p12");

        assertThatThrownBy(() -> KeyStoreFile.load(missing, PASSWORD))
                .isInstanceOf(IOException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void aKeyStoreWithoutAKeyIsSaidSo() throws Exception {
        KeyStore onlyCertificates = KeyStore.getInstance("PKCS12");
        onlyCertificates.load(null, null);
        onlyCertificates.setCertificateEntry("ca", CERTIFICATE.certificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            onlyCertificates.store(out, PASSWORD);
        }

        assertThatThrownBy(() -> KeyStoreFile.load(file, PASSWORD))
                .isInstanceOf(IOException.class).hasMessageContaining("holds one private key").hasMessageEndingWith("holds 0");
    }
}
