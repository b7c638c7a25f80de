package dev.sanfi.sockets.common.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a client's TLS handshake failed, in one line a person can act on: the JDK reports a refused
 * certificate as an {@code SSLHandshakeException} several causes deep, and each stack wraps that in
 * exceptions of its own. This walks the causes and names the check that failed.
 */
public final class TlsFailure {

    private TlsFailure() {
    }

    /**
     * The line for a failed TLS handshake, or empty when {@code error} has no TLS failure among its
     * causes (a refused connection, a refused upgrade).
     */
    public static Optional<String> describe(Throwable error) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = error; cause != null && !causes.contains(cause) && causes.size() < 32; cause = cause.getCause()) {
            causes.add(cause);
        }
        for (Throwable cause : causes) {
            if (cause instanceof CertificateExpiredException) {
                return Optional.of("the server's certificate has expired (" + firstLine(cause) + ")");
            }
            if (cause instanceof CertificateNotYetValidException) {
                return Optional.of("the server's certificate is not valid yet (" + firstLine(cause) + ")");
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof CertPathValidatorException validator
                    && validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return Optional.of("the server's certificate has expired");
            }
            if (cause instanceof CertPathValidatorException validator
                    && validator.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
                // A trusted certificate has the issuer's name, but did not sign this one: typically
                // the PEM of an earlier run of server --tls, which makes a new key at every start.
                return Optional.of("the server's certificate is not trusted: untrusted issuer (a trusted certificate"
                        + " has its issuer's name but did not sign it; an old PEM of a server that made a new one?)");
            }
            if (cause instanceof CertPathBuilderException) {
                return Optional.of("the server's certificate is not trusted: untrusted issuer"
                        + " (neither in the JDK's trust store nor given with --trust FILE.pem)");
            }
            if (cause.getClass() == CertificateException.class && isHostNameMismatch(cause.getMessage())) {
                // The JDK's host-name check (endpoint identification "HTTPS", RFC 2818 §3.1) throws
                // a plain CertificateException; only its message tells it from other refusals.
                return Optional.of("the server's certificate is for another host: wrong host name ("
                        + firstLine(cause) + ")");
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof SSLException tls) {
                String message = firstLine(tls);
                if (message.contains("Unsupported or unrecognized SSL message")) {
                    return Optional.of("TLS handshake failed: the server does not speak TLS on this port"
                            + " (ws:// instead of wss://?)");
                }
                return Optional.of("TLS handshake failed: " + message);
            }
        }
        return Optional.empty();
    }

    private static boolean isHostNameMismatch(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return text.startsWith("no subject alternative") || text.startsWith("no name matching");
    }

    private static String firstLine(Throwable error) {
        String text = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        return text.lines().findFirst().orElse(text);
    }
}
