package dev.sanfi.sockets.common.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A certificate authority made in memory, for tests: a client trusts the authority, and the
 * authority issues server certificates for any names and dates. An expired certificate needs one:
 * the JDK does not check the dates of a certificate that is itself a trust anchor (a trusted
 * self-signed certificate), only those of the certificates an anchor signed.
 */
public final class CertificateAuthority {

    private final KeyPair keys;
    private final X500Name name;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X500Name name, X509Certificate certificate) {
        this.keys = keys;
        this.name = name;
        this.certificate = certificate;
    }

    /** A new authority, valid from a minute ago for a day. */
    public static CertificateAuthority create() {
        KeyPair keys = SelfSignedCertificate.newKeys();
        X500Name name = new X500Name("CN=sanfi-sockets test authority " + new BigInteger(32, new SecureRandom()));
        Instant notBefore = Instant.now().minus(Duration.ofMinutes(1));
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(notBefore), Date.from(notBefore.plus(Duration.ofDays(1))), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new CertificateAuthority(keys, name, SelfSignedCertificate.sign(builder, keys.getPrivate()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make a certificate authority: " + e.getMessage(), e);
        }
    }

    /** A new key and a server certificate for these names, signed by this authority. */
    public Issued issue(List<String> names, Instant notBefore, Duration validity) {
        KeyPair serverKeys = SelfSignedCertificate.newKeys();
        X500Name subject = new X500Name("CN=" + names.get(0) + ",O=sanfi-sockets (test)");
        X509Certificate issued = SelfSignedCertificate.serverCertificate(subject, serverKeys.getPublic(), names, name,
                keys.getPrivate(), notBefore, validity);
        return new Issued(serverKeys, issued, certificate);
    }

    /** The authority's own certificate: the trust anchor. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** A client's side: a TLS context that trusts this authority and nothing else. */
    public SSLContext trustingContext() {
        return Trust.onlyThese(List.of(certificate));
    }

    /** The authority's certificate in PEM, for {@code client --trust FILE}. */
    public String pem() {
        return SelfSignedCertificate.pem(certificate);
    }

    /** A server certificate this authority signed, with its key. */
    public static final class Issued {
        private final KeyPair keys;
        private final X509Certificate certificate;
        private final X509Certificate issuer;

        private Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
            this.keys = keys;
            this.certificate = certificate;
            this.issuer = issuer;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** The server's side: a TLS context that presents the certificate and the authority's after it. */
        public SSLContext serverContext() {
            return SelfSignedCertificate.serverContext(keys.getPrivate(), certificate, issuer);
        }
    }
}
