package dev.sanfi.sockets.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HeardEvents;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * permessage-deflate over real sockets: the Netty client and server compressing both ways, over
 * ws:// and wss://, and bombs sent by a client that writes its own bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NettyDeflateTest {

    private final SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
    private NettyEchoServer server;
    private NettyEchoServer secure;

    @BeforeAll
    void startServers() throws Exception {
        ServerSettings settings = ServerSettings.defaults(0).withHost("127.0.0.1").withDeflate(true);
        server = NettyEchoServer.start(settings);
        secure = NettyEchoServer.start(settings.withTls(certificate.serverContext()));
    }

    @AfterAll
    void stopServers() {
        server.close();
        secure.close();
    }

    @Test
    @DisplayName("the client with deflate and the server with --deflate agree on permessage-deflate and echo")
    void echoesCompressed() throws Exception {
        echoThrough(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), ClientOptions.defaults().withDeflate(true));
    }

    @Test
    @DisplayName("compression and TLS together: wss:// with permessage-deflate")
    void echoesCompressedOverTls() throws Exception {
        echoThrough(URI.create("wss://localhost:" + secure.port() + "/echo"),
                ClientOptions.defaults().withTrust(certificate.trustingContext(), true).withDeflate(true));
    }

    @Test
    @DisplayName("a client that does not offer it gets no compression from a --deflate server")
    void noOfferNoCompression() throws Exception {
        HeardEvents events = new HeardEvents();
        try (NettyEchoClient client = NettyEchoClient.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/echo"), ClientOptions.defaults(), events)) {
            assertThat(client.extensions()).isEmpty();
            client.sendText("plain");
            assertThat(events.next()).isEqualTo("text plain");
        }
    }

    private void echoThrough(URI uri, ClientOptions options) throws Exception {
        HeardEvents events = new HeardEvents();
        try (NettyEchoClient client = NettyEchoClient.connect(uri, options, events)) {
            assertThat(client.extensions()).startsWith("permessage-deflate");
            String json = "{\"type\":\"message\",\"text\":\"" + "hello ".repeat(2000) + "\"}";
            client.sendText(json);
            assertThat(events.next()).isEqualTo("text " + json);
            byte[] random = new byte[300_000];
            new Random(7).nextBytes(random);
            client.sendBinary(random);
            assertThat(events.next()).isEqualTo("binary 300000");

            client.sendClose(1000, "done");
            assertThat(events.next()).isEqualTo("close 1000 done");
        }
    }

    @Test
    @DisplayName("a bomb: 1 GiB of zeros in one frame of about 1 MiB gets Close 1009, and the server goes on")
    void oneFrameBombGets1009() throws Exception {
        try (WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.exchange(client.upgradeRequest()
                    .withHeader("Sec-WebSocket-Extensions", "permessage-deflate"));
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");

            client.sendInBackground(Frame.binary(WireBytes.deflatedZeros(1L << 30)).withRsv(Frame.RSV1).toBytes());

            Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(1009);
        }
        echoesCompressed();
    }

    @Test
    @DisplayName("a bomb in fragments: 16 KiB of zeros each, a few dozen bytes on the wire, 16 MiB in all, gets Close 1009")
    void fragmentedBombGets1009() throws Exception {
        try (WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.exchange(client.upgradeRequest()
                    .withHeader("Sec-WebSocket-Extensions", "permessage-deflate"));
            assertThat(response.status()).isEqualTo(101);
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            frames.writeBytes(Frame.binary(nextZeros(deflater, 16 * 1024)).notFinal().withRsv(Frame.RSV1).toBytes());
            for (int i = 0; i < 1_000; i++) { // 16 MiB once inflated
                Frame fragment = Frame.continuation(nextZeros(deflater, 16 * 1024));
                frames.writeBytes((i < 999 ? fragment.notFinal() : fragment).toBytes());
            }
            deflater.end();

            client.sendInBackground(frames.toByteArray());

            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    /** The next {@code count} zeros of one compressed message, flushed to a byte boundary (RFC 7692 §7.2.1). */
    private static byte[] nextZeros(java.util.zip.Deflater deflater, int count) {
        deflater.setInput(new byte[count]);
        byte[] out = new byte[count + 64];
        int n = deflater.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(out, n);
    }
}
