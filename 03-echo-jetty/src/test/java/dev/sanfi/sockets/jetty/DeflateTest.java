package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.DeflatePeer;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * permessage-deflate (RFC 7692) on Jetty's own extension, switched on by {@code ServerSettings.deflate()}:
 * beyond testkit's DeflateEchoServerContract ({@code JettyDeflateEchoServerTest}): the memory a bomb
 * costs, measured, the continuations of an uncompressed message that Jetty must not inflate, and the
 * module's client offering the extension. Frames are sent raw, compressed here with
 * {@code java.util.zip}, so the server's own code is on one end only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeflateTest {

    /** RFC 7692 §7.2.1: the end of a DEFLATE block flushed with SYNC_FLUSH, left off on the wire. */

    private JettyEchoServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withDeflate(true));
    }

    @AfterAll
    void closeServer() {
        server.close();
    }

    @Test
    @DisplayName("RFC 7692 §6: the continuations of an uncompressed message are not inflated, and a compressed message after it still is")
    void uncompressedFragmentsThenCompressedMessage() throws IOException {
        try (WireClient client = open("permessage-deflate"); DeflatePeer peer = new DeflatePeer(true, true)) {
            client.sendTogether(Frame.text("ab").notFinal(), Frame.continuation("c".getBytes(StandardCharsets.UTF_8)),
                    compressed(Frame.TEXT, HexFormat.of().parseHex("f248cdc9c90700")), Frame.close(1000, ""));
            List<String> texts = new ArrayList<>();
            for (Frame echo : client.framesUntilEof(WireClient.DEFAULT_TIMEOUT)) {
                if (echo.opcode() == Frame.TEXT) {
                    byte[] text = echo.rsv() == Frame.RSV1 ? peer.inflate(echo.payload()) : echo.payload();
                    texts.add(new String(text, StandardCharsets.UTF_8));
                }
            }
            assertThat(texts).containsExactly("abc", "Hello");
        }
    }

    @Test
    @ResourceLock("allocation counter")
    @DisplayName("a 1 MiB frame that inflates to 1 GiB gets 1009, with a few MiB allocated, not a GiB")
    void oneFrameBombIs1009WithMemoryBounded() throws IOException {
        byte[] bomb = DeflatePeer.bomb(DeflatePeer.bombBlocksUnder(1024 * 1024));
        assertThat(bomb.length).as("under the 1 MiB frame limit").isLessThan(1024 * 1024);
        try (WireClient client = open("permessage-deflate")) {
            long allocatedBefore = allocatedBytes();
            client.sendInBackground(compressed(Frame.BINARY, bomb).toBytes());
            assertThat(client.awaitClose().code()).isEqualTo(1009);
            assertThat(allocatedBytes() - allocatedBefore).as("bytes allocated by the whole JVM meanwhile")
                    .isLessThan(512L * 1024 * 1024);
        }
    }

    @Test
    @ResourceLock(JettyEchoClientTest.CLIENT_THREADS)
    @DisplayName("the module's client offers permessage-deflate when asked and echoes through it, an empty message too")
    void clientOffersDeflate() throws Exception {
        JettyEchoClientTest.Recorded events = new JettyEchoClientTest.Recorded();
        try (JettyEchoClient client = JettyEchoClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                ClientOptions.defaults().withDeflate(true), events)) {
            String text = "compressible ".repeat(1000);
            client.sendText(text);
            assertThat(events.next()).isEqualTo("text " + text);
            // RFC 7692 §7.2.3.6: an empty message, compressed, must leave both inflaters able to go on.
            client.sendText("");
            assertThat(events.next()).isEqualTo("text ");
            client.sendText("after the empty one");
            assertThat(events.next()).isEqualTo("text after the empty one");
            client.sendBinary("bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(events.next()).isEqualTo("binary bytes");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** A connection whose upgrade offered this and was answered with the extension. */
    private WireClient open(String offer) throws IOException {
        WireClient client = WireClient.connect(server);
        HttpResponse response = client.exchange(client.upgradeRequest().withHeader("Sec-WebSocket-Extensions", offer));
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        return client;
    }

    /** A final, masked data frame with RSV1 set: the first (and only) frame of a compressed message. */
    private static Frame compressed(int opcode, byte[] payload) {
        return new Frame(true, Frame.RSV1, opcode, Frame.MASK_KEY, payload);
    }

    /** The server's Close, after any echoes that came before it. */
    private static Close awaitCloseSkippingEchoes(WireClient client) throws IOException {
        List<Frame> frames = client.framesUntilEof(WireClient.DEFAULT_TIMEOUT);
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.opcode()).as("the last frame is a Close: %s", frames).isEqualTo(Frame.CLOSE);
        return Close.parse(last.payload());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
