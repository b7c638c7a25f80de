package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

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
    void uncompressedFragmentsThenCompressedMessage() throws IOException, DataFormatException {
        try (WireClient client = open("permessage-deflate")) {
            client.sendTogether(Frame.text("ab").notFinal(), Frame.continuation("c".getBytes(StandardCharsets.UTF_8)),
                    compressed(Frame.TEXT, HexFormat.of().parseHex("f248cdc9c90700")), Frame.close(1000, ""));
            Inflater inflater = new Inflater(true);
            List<String> texts = new ArrayList<>();
            for (Frame echo : framesUntilEof(client)) {
                if (echo.opcode() == Frame.TEXT) {
                    byte[] text = echo.rsv() == Frame.RSV1 ? inflate(inflater, echo.payload()) : echo.payload();
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
        byte[] bomb = Bomb.zeros(1L << 30);
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

    /** RFC 7692 §7.2.1: deflate with a sync flush, then drop the 00 00 ff ff it ends with. */
    static byte[] compress(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length)).isEqualTo(TAIL);
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    /** RFC 7692 §7.2.2: put the 00 00 ff ff back and inflate. */
    private static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
        byte[] input = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(TAIL, 0, input, payload.length, 4);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.needsInput()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        return out.toByteArray();
    }

    /** Every frame the server sends until it closes TCP (its frames may be compressed, so read them raw). */
    private static List<Frame> framesUntilEof(WireClient client) throws IOException {
        InputStream in = new ByteArrayInputStream(client.readToEof(WireClient.DEFAULT_TIMEOUT));
        List<Frame> frames = new ArrayList<>();
        while (in.available() > 0) {
            frames.add(Frame.read(in, Long.MAX_VALUE));
        }
        return frames;
    }

    /** The server's Close, after any echoes that came before it. */
    private static Close awaitCloseSkippingEchoes(WireClient client) throws IOException {
        List<Frame> frames = framesUntilEof(client);
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.opcode()).as("the last frame is a Close: %s", frames).isEqualTo(Frame.CLOSE);
        return Close.parse(last.payload());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    /** A compression bomb: zeros, deflated a block at a time, the blocks after the first repeated as they are. */
    static final class Bomb {
        private static final int BLOCK = 16 * 1024 * 1024;

        static byte[] zeros(long inflatedBytes) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            byte[] zeros = new byte[BLOCK];
            byte[] first = flushed(deflater, zeros);
            byte[] next = flushed(deflater, zeros);
            // Once the window is all zeros, every further block of zeros deflates to the same bytes.
            assertThat(flushed(deflater, zeros)).isEqualTo(next);
            ByteArrayOutputStream bomb = new ByteArrayOutputStream();
            bomb.writeBytes(first);
            for (long at = BLOCK; at < inflatedBytes; at += BLOCK) {
                bomb.writeBytes(next);
            }
            byte[] bytes = bomb.toByteArray();
            return Arrays.copyOf(bytes, bytes.length - 4); // the tail, §7.2.1
        }

        static byte[] flushed(Deflater deflater, byte[] data) {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
            return out.toByteArray();
        }
    }
}
