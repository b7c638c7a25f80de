package dev.sanfi.sockets.common.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** One TLS handshake on loopback between two contexts, for common's tests. */
public final class TlsHandshake {

    private TlsHandshake() {
    }

    /**
     * Connects a client with {@code client}'s trust to a server presenting {@code server}'s
     * certificate, checking the host name as HTTPS clients do; returns what the server sent.
     */
    public static String run(SSLContext server, SSLContext client, String hostName) throws Exception {
        return run(server, client, hostName, true);
    }

    public static String run(SSLContext server, SSLContext client, String hostName, boolean checkHostName) throws Exception {
        InetAddress loopback = hostName.equals("::1") ? InetAddress.getByName("::1") : InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    accepted.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    accepted.getOutputStream().flush();
                } catch (IOException expectedWhenTheClientRefuses) {
                    // the client's alert ends the server's side: nothing to do
                }
            });
            try (Socket tcp = new Socket()) {
                tcp.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 10_000);
                tcp.setSoTimeout(10_000);
                // TLS over the connection, with the name the client dialled as the one to check.
                SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(tcp, hostName,
                        listener.getLocalPort(), true);
                if (checkHostName) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                return new String(tls.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
            } finally {
                served.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
