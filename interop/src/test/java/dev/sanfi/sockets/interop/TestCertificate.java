package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The certificate of one test class's {@code wss://} servers, made at run time and never kept:
 * {@link SelfSignedCertificate#forLocalhost()}, which names {@code 127.0.0.1}, the address every
 * test dials. The JVM's clients are handed its trust in memory ({@link #clientOptions()}); the
 * clients outside the JVM (Node, Python, nginx's upstream users) read it from a PEM file in a
 * temporary directory of its own, which {@link #close()} deletes.
 */
final class TestCertificate implements AutoCloseable {

    private final SelfSignedCertificate certificate;
    private final Path directory;
    private final Path pemFile;

    private TestCertificate(SelfSignedCertificate certificate, Path directory, Path pemFile) {
        this.certificate = certificate;
        this.directory = directory;
        this.pemFile = pemFile;
    }

    static TestCertificate create() {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        try {
            Path directory = Files.createTempDirectory("interop-tls-");
            Path pem = Files.writeString(directory.resolve("server.pem"), certificate.pem(), StandardCharsets.US_ASCII);
            return new TestCertificate(certificate, directory, pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test certificate's PEM", e);
        }
    }

    /** The server's side: what {@code ServerSettings.withTls} takes. */
    SSLContext serverContext() {
        return certificate.serverContext();
    }

    /** A module client's side: trust this certificate alone, and check the host name as always. */
    ClientOptions clientOptions() {
        return ClientOptions.defaults().withTrust(certificate.trustingContext(), true);
    }

    /** A TLS context that trusts this certificate alone, for the clients that are not ours. */
    SSLContext trustingContext() {
        return certificate.trustingContext();
    }

    /** The certificate in PEM, for a client in another process: Node's NODE_EXTRA_CA_CERTS, Python's cafile. */
    Path pemFile() {
        return pemFile;
    }

    /**
     * Writes the private key next to the certificate, readable by its owner alone, for a TLS
     * server in another process (nginx); {@link #close()} deletes it with the directory.
     */
    Path writePrivateKey() {
        try {
            Path key = directory.resolve("server.key");
            Files.deleteIfExists(key);
            if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.writeString(key, certificate.privateKeyPem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test certificate's key", e);
        }
    }

    /**
     * The base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's
     * {@code --ignore-certificate-errors-spki-list} takes to accept exactly this key and no other.
     */
    String spkiSha256Base64() {
        try {
            byte[] spki = certificate.certificate().getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo, DER
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
