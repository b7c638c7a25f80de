package dev.sanfi.sockets.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** What a client trusts: the JDK's trust store, and the certificates it was told to trust as well. */
public final class Trust {

    private Trust() {
    }

    /** A TLS context that trusts exactly these certificates (a test's). */
    public static SSLContext onlyThese(List<X509Certificate> certificates) {
        return trusting(List.of(), certificates);
    }

    /**
     * A TLS context that trusts what the JDK trusts (its {@code cacerts}, or the store named by
     * {@code javax.net.ssl.trustStore}) and these certificates as well: {@code client --trust FILE}.
     * The JDK's checks stay as they are, only the list of trust anchors grows.
     */
    public static SSLContext jdkDefaultsAnd(List<X509Certificate> certificates) {
        return trusting(jdkAnchors(), certificates);
    }

    /** The certificates the JDK's default trust manager accepts as issuers: its trust anchors. */
    static List<X509Certificate> jdkAnchors() {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            List<X509Certificate> anchors = new ArrayList<>();
            for (TrustManager manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    anchors.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return anchors;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trust store: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context that accepts any certificate at all, for {@code client --insecure} only: the
     * connection is still encrypted, but to whoever answers, so anyone on the path can read and
     * change it. The caller turns the host-name check off as well.
     */
    public static SSLContext anyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptingEveryCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting(List<X509Certificate> first, List<X509Certificate> more) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (List<X509Certificate> certificates : List.of(first, more)) {
                for (X509Certificate certificate : certificates) {
                    store.setCertificateEntry("trusted-" + i++, certificate);
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * An extended trust manager, so that the JDK does not wrap it in one that checks the host name
     * anyway (it does so for a plain {@link X509TrustManager} when endpoint identification is set).
     */
    private static final class AcceptingEveryCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks). */
    public static List<X509Certificate> readPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : read) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
