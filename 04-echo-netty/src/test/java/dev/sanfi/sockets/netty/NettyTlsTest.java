package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.testkit.ClientTlsChecks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * wss:// and https:// on the Netty server ({@code SslHandler} first in the pipeline) and the Netty
 * client (its trust, the host-name check: testkit's ClientTlsChecks), with a certificate made for
 * the test.
 */
class NettyTlsTest extends ClientTlsChecks {

    private static final long TIMEOUT_MILLIS = 5_000;

    NettyTlsTest() {
        super(NettyEchoServer::start, NettyEchoClient::connect, SSLHandshakeException.class);
    }

    /** Its message is the JDK's reason. */
    @Override
    protected String reasonOf(Throwable refused) {
        return refused.getMessage();
    }

    @Override
    @Test
    @DisplayName("by default (the JDK's trust store) a self-signed certificate is refused: untrusted issuer; no client thread is left")
    public void jdkTrustStoreRefusesASelfSignedCertificate() {
        super.jdkTrustStoreRefusesASelfSignedCertificate();
        NettyEchoClientTest.awaitNoThreads("netty-echo-client");
    }

    @Test
    @DisplayName("the JDK's own WebSocket client echoes over wss:// too")
    void jdkClientEchoes() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(certificate().trustingContext()).build();
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(wss(server(), "localhost"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                texts.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            socket.sendText("from the JDK", true).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(texts.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("from the JDK");
            socket.sendClose(1000, "").get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            socket.abort();
            release(http);
        }
    }

    /** JDK 17's HttpClient cannot be closed (its thread ends once it is unreachable); from JDK 21 on it can. */
    private static void release(HttpClient http) throws Exception {
        if (http instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("the page comes over https://, and connects back with wss:// when loaded so")
    void pageOverHttps() throws Exception {
        HttpsURLConnection page = (HttpsURLConnection) URI.create("https://localhost:" + server().port() + "/")
                .toURL().openConnection();
        page.setSSLSocketFactory(certificate().trustingContext().getSocketFactory());
        try (InputStream body = page.getInputStream()) {
            assertThat(page.getResponseCode()).isEqualTo(200);
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("location.protocol === \"https:\" ? \"wss://\"");
        } finally {
            page.disconnect();
        }
    }

    @Test
    @DisplayName("a plain-HTTP request on the TLS port gets no HTTP answer, and the socket is closed")
    void plainHttpOnTheTlsPortIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server().port())) {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            socket.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            byte[] answer = readToEnd(socket.getInputStream());

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        }
        assertThat(((NettyEchoServer) server()).isTerminated()).isFalse();
    }

    @Test
    @DisplayName("a TLS handshake that stalls (slow loris on TLS) is cut off at the handshake timeout")
    void stalledTlsHandshakeIsClosed() throws Exception {
        EchoServer quick = startOwn(defaultSettings().withHandshakeTimeout(Duration.ofMillis(500)));
        try (Socket socket = new Socket("127.0.0.1", quick.port())) {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            // The first bytes of a TLS record header (handshake, TLS 1.2), then nothing more.
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x03});

            assertThat(readToEnd(socket.getInputStream())).as("what the server sent before closing").isNotNull();
        }
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7 over TLS: after a violation the Close frame arrives, then close_notify and the end of stream")
    void violationOverTlsEndsWithCloseNotify() throws IOException {
        try (SSLSocket socket = (SSLSocket) certificate().trustingContext().getSocketFactory()
                .createSocket("127.0.0.1", server().port())) {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + server().port() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 101");

            // A masked text frame (mask key 0) whose payload is not UTF-8 (RFC 6455 §8.1).
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, (byte) 0xc0, (byte) 0xaf});

            byte[] close = in.readNBytes(4);
            assertThat(close).as("a Close frame with 1007").startsWith((byte) 0x88).endsWith((byte) 0x03, (byte) 0xef);
            in.readNBytes(close[1]- 2); // the reason
            assertThat(in.read()).as("end of stream after TLS's close_notify").isEqualTo(-1);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until the server closes (EOF or reset); a read timeout fails the test. */
    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed as well, only less politely
        }
        return received.toByteArray();
    }
}
