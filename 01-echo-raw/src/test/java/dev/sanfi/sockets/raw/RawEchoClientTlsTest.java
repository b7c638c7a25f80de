package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.testkit.ClientTlsChecks;
import dev.sanfi.sockets.testkit.HeardEvents;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The raw client over {@code wss://}: whom it trusts ({@link ClientOptions}) and which checks refuse a
 * server (testkit's ClientTlsChecks), and which names it sends.
 */
class RawEchoClientTlsTest extends ClientTlsChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    RawEchoClientTlsTest() {
        super(RawEchoServer::start, RawEchoClient::connect, SSLHandshakeException.class);
    }

    @Test
    @DisplayName("RFC 6455 §4.1, RFC 6066 §3: the host name goes out as SNI (localhost too); an IP literal does not")
    void serverNameIndication() throws Exception {
        assertThat(namesSentFor("localhost")).containsExactly(new SNIHostName("localhost"));
        assertThat(namesSentFor("127.0.0.1")).isEmpty();
    }

    /** Connects to a scripted TLS server that answers the upgrade, and returns the server names the client sent. */
    private List<SNIServerName> namesSentFor(String host) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) certificate().serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<SNIServerName>> sent = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout((int) TIMEOUT.toMillis());
                    accepted.startHandshake();
                    List<SNIServerName> names = ((ExtendedSSLSession) accepted.getSession()).getRequestedServerNames();
                    InputStream in = accepted.getInputStream();
                    byte[] head = new byte[8192];
                    int length = 0;
                    while (HttpHead.endOf(head, length) < 0) {
                        length += in.read(head, length, head.length - length);
                    }
                    HttpHead request = HttpHead.parse(java.util.Arrays.copyOf(head, length));
                    accepted.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + Handshake.acceptKey(request.value("Sec-WebSocket-Key")) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    return names;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RawEchoClient connected = RawEchoClient.connect(URI.create("wss://" + host + ":" + listener.getLocalPort() + "/"),
                    trusting(certificate().trustingContext()), new HeardEvents());
            try {
                return sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                connected.close();
            }
        }
    }
}
