package dev.sanfi.sockets.common.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate made on the spot for a server that was asked for TLS without one: an EC P-256 key
 * and a certificate signed by that key, naming {@code localhost}, {@code 127.0.0.1} and {@code ::1}
 * as subject alternative names, because a client checks the host it dialled against those names
 * (RFC 6125 §6.4; browsers ignore the subject's common name). It lives only in memory; the server
 * writes its public PEM where a client can be told to trust it.
 */
public final class SelfSignedCertificate {

    /** The names a local client dials; each one is in the certificate. */
    public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

    /** Long enough for a course, short enough that a leaked one does not matter for long. */
    static final Duration VALIDITY = Duration.ofDays(30);

    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private final KeyPair keys;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new key and certificate for {@link #LOCAL_NAMES}, valid from a minute ago for {@link #VALIDITY}. */
    public static SelfSignedCertificate forLocalhost() {
        return create(LOCAL_NAMES, Instant.now().minus(Duration.ofMinutes(1)), VALIDITY);
    }

    /**
     * A new key and a certificate for these names (host names or IP literals) valid from
     * {@code notBefore} for {@code validity}; tests use it for wrong-host and expired certificates.
     */
    public static SelfSignedCertificate create(List<String> names, Instant notBefore, Duration validity) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + names.get(0) + ",O=sanfi-sockets (self-signed)");
        return new SelfSignedCertificate(keys,
                serverCertificate(subject, keys.getPublic(), names, subject, keys.getPrivate(), notBefore, validity));
    }

    /** A new EC P-256 key pair: small, fast, and accepted by every TLS 1.2 and 1.3 client. */
    static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key: " + e.getMessage(), e);
        }
    }

    /**
     * A server's certificate for {@code names}, signed by {@code issuerKey} (its own key when
     * {@code issuer} is {@code subject}: self-signed).
     */
    static X509Certificate serverCertificate(X500Name subject, PublicKey key, List<String> names, X500Name issuer,
                                             PrivateKey issuerKey, Instant notBefore, Duration validity) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notBefore.plus(validity)),
                    subject, key);
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return sign(builder, issuerKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) throws IOException {
        GeneralName[] general = new GeneralName[names.size()];
        for (int i = 0; i < general.length; i++) {
            String name = names.get(i);
            general[i] = isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name);
        }
        return new GeneralNames(general);
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The server's side: a TLS context that presents this certificate. */
    public SSLContext serverContext() {
        return serverContext(keys.getPrivate(), certificate);
    }

    /** A TLS context that presents this key with this chain (the server's certificate first). */
    static SSLContext serverContext(PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot use the certificate: " + e.getMessage(), e);
        }
    }

    /** The private key, for a test that writes it into a key store file of its own. */
    PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /**
     * The private key in PEM (unencrypted PKCS #8, {@code BEGIN PRIVATE KEY}), for a TLS server
     * outside the JVM that reads its key from a file, such as nginx's {@code ssl_certificate_key}
     * in front of a plain server. Whoever reads this file can pose as the server: write it only
     * where no one else can read it, and delete it when done.
     */
    public String privateKeyPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A client's side: a TLS context that trusts this certificate and nothing else. */
    public SSLContext trustingContext() {
        return Trust.onlyThese(List.of(certificate));
    }

    /** The certificate in PEM, what {@code client --trust FILE}, curl's {@code --cacert} and openssl read. */
    public String pem() {
        return pem(certificate);
    }

    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The SHA-256 fingerprint of the certificate, as browsers and {@code openssl x509 -fingerprint} show it. */
    public String sha256Fingerprint() {
        return fingerprint(certificate);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "self-signed certificate for " + String.join(", ", LOCAL_NAMES).toLowerCase(Locale.ROOT)
                + " (SHA-256 " + sha256Fingerprint() + ")";
    }
}
