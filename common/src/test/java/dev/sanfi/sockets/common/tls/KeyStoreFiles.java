package dev.sanfi.sockets.common.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** PKCS#12 files written at test time (never committed), as keytool would write them. */
public final class KeyStoreFiles {

    private KeyStoreFiles() {
    }

    /** Writes the certificate's key and certificate to {@code file}, store and key under one password. */
    public static Path write(SelfSignedCertificate certificate, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.privateKey(), password, new X509Certificate[] {certificate.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }
}
