package dev.sanfi.sockets.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TrustTest {

    private static final SelfSignedCertificate LOCAL = SelfSignedCertificate.forLocalhost();

    @Test
    void theJdkTrustStoreIsReadWhole() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = java.nio.file.Files.newInputStream(
                java.nio.file.Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            cacerts.load(in, null);
        }
        long trusted = Collections.list(cacerts.aliases()).stream().filter(alias -> isCertificate(cacerts, alias)).count();

        assertThat(Trust.jdkAnchors()).as("every certificate of the JDK's cacerts").hasSize((int) trusted).isNotEmpty();
    }

    @Test
    void trustingACertificateAsWellAcceptsIt() throws Exception {
        assertThat(TlsHandshake.run(LOCAL.serverContext(), Trust.jdkDefaultsAnd(List.of(LOCAL.certificate())), "localhost"))
                .isEqualTo("hello");
    }

    @Test
    void theJdkTrustStoreAloneRefusesASelfSignedCertificate() {
        assertThatThrownBy(() -> TlsHandshake.run(LOCAL.serverContext(), Trust.jdkDefaultsAnd(List.of()), "localhost"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anyCertificateAcceptsAStrangerForAnotherHostWhenTheNameIsNotChecked() throws Exception {
        SelfSignedCertificate stranger = SelfSignedCertificate.create(List.of("example.org"),
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1));

        assertThat(TlsHandshake.run(stranger.serverContext(), Trust.anyCertificate(), "localhost", false)).isEqualTo("hello");
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
