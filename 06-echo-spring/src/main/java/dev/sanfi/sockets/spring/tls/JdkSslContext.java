package dev.sanfi.sockets.spring.tls;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * Tomcat's own TLS context interface ({@code org.apache.tomcat.util.net.SSLContext}) over a JDK
 * {@link javax.net.ssl.SSLContext} that is ready already: the one {@code ServerSettings.tls()}
 * carries. Tomcat makes such a context itself from a key store or PEM files; handed one through
 * {@code SSLHostConfigCertificate.setSslContext}, it uses it as it is, creating every connection's
 * {@link SSLEngine} from it.
 *
 * <p>Two of the interface's questions the JDK context cannot answer: which certificate chain it
 * presents, and which issuers it would accept from a client. Its key managers and trust managers
 * went into {@code init} and cannot be asked for again, and no local call reveals what the key
 * manager picks (only a handshake does). Tomcat's callers take null for "not known": the connector's
 * certificate line at debug level says the chain is not available, the expiry check of
 * {@code TLSCertificateReloadListener} skips the certificate, and the manager application says the
 * information cannot be obtained at runtime.
 */
final class JdkSslContext implements org.apache.tomcat.util.net.SSLContext {

    private final javax.net.ssl.SSLContext context;

    JdkSslContext(javax.net.ssl.SSLContext context) {
        this.context = context;
    }

    /** The JDK context was initialised by whoever made it; Tomcat calls this only for contexts it makes itself. */
    @Override
    public void init(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
        throw new UnsupportedOperationException("this TLS context was initialised by its owner, the server's settings");
    }

    /**
     * Nothing to free: the JDK context holds no native resources, and it is not Tomcat's to end (the
     * same settings may start another server).
     */
    @Override
    public void destroy() {
    }

    @Override
    public SSLSessionContext getServerSessionContext() {
        return context.getServerSessionContext();
    }

    @Override
    public SSLEngine createSSLEngine() {
        return context.createSSLEngine();
    }

    @Override
    public SSLServerSocketFactory getServerSocketFactory() {
        return context.getServerSocketFactory();
    }

    @Override
    public SSLParameters getSupportedSSLParameters() {
        return context.getSupportedSSLParameters();
    }

    /** Not known: see the class comment. */
    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return null;
    }

    /** Not known: see the class comment (and this server asks no client for a certificate). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return null;
    }
}
