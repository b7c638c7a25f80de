package dev.sanfi.sockets.spring.tls;

import javax.net.ssl.SSLContext;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * TLS on Tomcat's connector from a ready {@link SSLContext}, the one {@code ServerSettings.tls()}
 * carries: {@code https://} and {@code wss://} on the server's one port (RFC 6455 §11.1.2, {@code wss}
 * is the same protocol inside TLS).
 *
 * <p>Spring Boot configures TLS from key stores or PEM files ({@code server.ssl.*}, SSL bundles) and
 * hands Tomcat the stores, from which Tomcat makes its own context; a JDK context, whose key cannot
 * be taken out again, has no place there. Tomcat itself takes one below Spring Boot: the one
 * certificate of the default virtual host is given the context ({@link JdkSslContext}) instead of a
 * store. No SNI host of its own: a client that names {@code localhost} gets the default host's
 * certificate, the only one. Protocols and cipher suites are Tomcat's defaults: TLS 1.2 and 1.3
 * (RFC 8996 retired the versions before), no suite without authentication or encryption.
 */
public final class TlsConnector implements TomcatConnectorCustomizer {

    private final SSLContext context;

    public TlsConnector(SSLContext context) {
        this.context = context;
    }

    @Override
    public void customize(Connector connector) {
        if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
            throw new IllegalStateException("TLS needs Tomcat's HTTP/1.1 connector, not "
                    + connector.getProtocolHandler().getClass().getName());
        }
        SSLHostConfig defaultHost = new SSLHostConfig();
        defaultHost.setHostName(protocol.getDefaultSSLHostConfigName());
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(defaultHost, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setSslContext(new JdkSslContext(context));
        defaultHost.addCertificate(certificate);
        protocol.addSslHostConfig(defaultHost);
        protocol.setSSLEnabled(true);
        // What the request reports: https, secure; Spring's origin check compares the Origin with it.
        connector.setScheme("https");
        connector.setSecure(true);
    }
}
