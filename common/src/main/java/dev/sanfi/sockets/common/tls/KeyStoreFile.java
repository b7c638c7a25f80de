package dev.sanfi.sockets.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server's real certificate: a PKCS#12 key store file ({@code server --tls --keystore FILE}) that
 * holds one private key and its certificate chain, as {@code keytool -genkeypair -storetype PKCS12}
 * or {@code openssl pkcs12 -export} write it. The key and the store share one password, as both
 * tools make them by default.
 */
public final class KeyStoreFile {

    private final Path file;
    private final KeyStore store;
    private final char[] password;
    private final X509Certificate certificate;

    private KeyStoreFile(Path file, KeyStore store, char[] password, X509Certificate certificate) {
        this.file = file;
        this.store = store;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * Reads the file and checks that it is usable by a server.
     *
     * @throws IOException with a message of one line that names the file and what is wrong with it:
     *                     missing, not PKCS#12, a wrong password, no key or more than one
     */
    public static KeyStoreFile load(Path file, char[] password) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException(file + ": wrong password");
            }
            throw new IOException(file + ": not a PKCS#12 key store (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot read it as a PKCS#12 key store (" + e.getMessage() + ")");
        }
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new IOException(file + ": a server's key store holds one private key with its certificate; this one holds "
                        + keys.size() + (keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")"));
            }
            if (!(store.getCertificate(keys.get(0)) instanceof X509Certificate certificate)) {
                throw new IOException(file + ": the key '" + keys.get(0) + "' has no X.509 certificate");
            }
            KeyStoreFile loaded = new KeyStoreFile(file, store, password.clone(), certificate);
            loaded.serverContext(); // a key whose password differs from the store's fails here, not at the first client
            return loaded;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** The server's side: a TLS context that presents this key and certificate chain. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new IllegalStateException(file + ": the key's password is not the key store's");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + ": cannot use its key: " + e.getMessage(), e);
        }
    }

    /** The certificate of the key: the one a client sees first. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-256 fingerprint of {@link #certificate()}, as browsers and {@code openssl x509 -fingerprint} show it. */
    public String sha256Fingerprint() {
        return SelfSignedCertificate.fingerprint(certificate);
    }

    /** Whether the certificate's validity period has ended at {@code now}: clients will refuse it. */
    public boolean expiredAt(Instant now) {
        return certificate.getNotAfter().toInstant().isBefore(now);
    }

    @Override
    public String toString() {
        return file + ": " + certificate.getSubjectX500Principal().getName() + " (SHA-256 " + sha256Fingerprint() + ")";
    }
}
