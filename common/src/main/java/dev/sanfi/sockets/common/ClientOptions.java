package dev.sanfi.sockets.common;

import javax.net.ssl.SSLContext;

/**
 * How a client connects, beyond the URL: whom it trusts for {@code wss://} and whether it offers
 * compression. The command line builds one from {@code client}'s options; tests build their own.
 *
 * @param trust          the TLS context whose trust managers judge the server's certificate for
 *                       {@code wss://}; {@code null} uses the JDK's default trust store
 * @param verifyHostname whether the certificate must name the host of the URL (RFC 6125); only
 *                       {@code --insecure} turns this off
 * @param deflate        whether the client offers permessage-deflate (RFC 7692)
 */
public record ClientOptions(SSLContext trust, boolean verifyHostname, boolean deflate) {

    private static final ClientOptions DEFAULTS = new ClientOptions(null, true, false);

    /** The JDK's trust store, host names checked, no compression offered. */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    public ClientOptions withTrust(SSLContext newTrust, boolean newVerifyHostname) {
        return new ClientOptions(newTrust, newVerifyHostname, deflate);
    }

    public ClientOptions withDeflate(boolean newDeflate) {
        return new ClientOptions(trust, verifyHostname, newDeflate);
    }
}
