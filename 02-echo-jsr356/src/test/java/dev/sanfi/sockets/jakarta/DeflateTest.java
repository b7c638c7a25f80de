package dev.sanfi.sockets.jakarta;

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
 * permessage-deflate (RFC 7692) on Tyrus's own extension, switched on by {@code ServerSettings.deflate()}:
 * what it accepts, that it echoes compressed, and that the message limit binds the inflated size.
 * Frames are sent raw, compressed here with {@code java.util.zip}, so the server's own code is on
 * one end only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeflateTest {

    /** RFC 7692 §7.2.1: the end of a DEFLATE block flushed with SYNC_FLUSH, left off on the wire. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private JakartaEchoServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withDeflate(true));
    }

    @AfterAll
    void closeServer() {
        server.close();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', nullValues = "declined", value = {
        "permessage-deflate | permessage-deflate",
        "permessage-deflate; client_max_window_bits | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
        "permessage-deflate; client_no_context_takeover | permessage-deflate",
        // Tyrus's extension keeps one shared 32 KiB window and answers no parameter (§7.1.1.1, §7.1.2.1): declined.
        "permessage-deflate; server_no_context_takeover | declined",
        "permessage-deflate; server_max_window_bits=10 | declined",
        "permessage-deflate; server_max_window_bits=15 | declined",
        // §7: unknown parameters, a parameter twice, values out of range: declined, the upgrade goes on.
        "permessage-deflate; foo | declined",
        "permessage-deflate; client_no_context_takeover; client_no_context_takeover | declined",
        "permessage-deflate; client_max_window_bits=7 | declined",
        "permessage-deflate; client_max_window_bits=08 | declined",
        "permessage-deflate; client_no_context_takeover=1 | declined",
        // §5.1: the first acceptable offer of several, and only one.
        "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_no_context_takeover | permessage-deflate",
        "permessage-deflate, permessage-deflate | permessage-deflate",
        // Tyrus's parser loses quoted values: declined, always allowed (§5.1).
        "permessage-deflate; client_max_window_bits=\"12\" | declined",
        "x-webkit-deflate-frame | declined"})
    @DisplayName("RFC 7692 §5, §7: the first valid offer Tyrus can keep is accepted, every other one declined")
    void negotiation(String offer, String answer) throws IOException {
        try (WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.exchange(client.upgradeRequest().withHeader("Sec-WebSocket-Extensions", offer));
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Extensions")).isEqualTo(answer);
        }
    }

    @Test
    @DisplayName("off by default: an offer is answered without the extension")
    void offByDefault() throws Exception {
        try (JakartaEchoServer plain = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
             WireClient client = WireClient.connect(plain)) {
            HttpResponse response = client.exchange(client.upgradeRequest()
                    .withHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Extensions")).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "§7.2.3.1 compressed, f248cdc9c90700",
        "§7.2.3.3 a block with no compression, 000500faff48656c6c6f00"})
    @DisplayName("RFC 7692 §7.2.3: the payloads of 'Hello' in the RFC's examples are echoed, compressed, as 'Hello'")
    void echoesTheRfcExamples(String example, String payload) throws IOException, DataFormatException {
        try (WireClient client = open("permessage-deflate")) {
            client.sendTogether(compressed(Frame.TEXT, HexFormat.of().parseHex(payload)), Frame.close(1000, ""));
            List<Frame> frames = framesUntilEof(client);
            assertThat(frames.get(0).rsv()).as("RSV1 on the echo: compressed (§6)").isEqualTo(Frame.RSV1);
            assertThat(new String(inflate(new Inflater(true), frames.get(0).payload()), StandardCharsets.UTF_8))
                    .isEqualTo("Hello");
            assertThat(frames.get(1).opcode()).isEqualTo(Frame.CLOSE);
        }
    }

    @Test
    @DisplayName("DEVIATION: RFC 7692 §7.2.3.4's final DEFLATE block (BFINAL) gets 1003, as Tyrus's extension would hang on it")
    void finalDeflateBlockIsRefused() throws IOException {
        try (WireClient client = open("permessage-deflate")) {
            client.send(compressed(Frame.TEXT, HexFormat.of().parseHex("f348cdc9c9070000")));
            assertThat(awaitCloseSkippingEchoes(client).code()).isEqualTo(1003);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.2: with context takeover the second message refers to the first, and is echoed")
    void contextTakeoverAcrossMessages() throws IOException, DataFormatException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = compress(deflater, "Hello".getBytes(StandardCharsets.UTF_8));
        byte[] second = compress(deflater, "Hello".getBytes(StandardCharsets.UTF_8));
        assertThat(second).as("the shared window makes the second one shorter").hasSizeLessThan(first.length);
        try (WireClient client = open("permessage-deflate")) {
            client.sendTogether(compressed(Frame.TEXT, first), compressed(Frame.TEXT, second), Frame.close(1000, ""));
            Inflater inflater = new Inflater(true);
            List<Frame> frames = framesUntilEof(client);
            assertThat(new String(inflate(inflater, frames.get(0).payload()), StandardCharsets.UTF_8)).isEqualTo("Hello");
            assertThat(new String(inflate(inflater, frames.get(1).payload()), StandardCharsets.UTF_8)).isEqualTo("Hello");
        }
    }

    @Test
    @DisplayName("RFC 7692 §6.1: a compressed message in fragments (RSV1 on the first only) is echoed")
    void fragmentedCompressedMessage() throws IOException, DataFormatException {
        byte[] text = "fragmented and compressed, ".repeat(40).getBytes(StandardCharsets.UTF_8);
        byte[] payload = compress(new Deflater(Deflater.DEFAULT_COMPRESSION, true), text);
        int third = payload.length / 3;
        try (WireClient client = open("permessage-deflate")) {
            client.sendTogether(
                    new Frame(false, Frame.RSV1, Frame.TEXT, Frame.MASK_KEY, Arrays.copyOfRange(payload, 0, third)),
                    Frame.continuation(Arrays.copyOfRange(payload, third, 2 * third)).notFinal(),
                    Frame.continuation(Arrays.copyOfRange(payload, 2 * third, payload.length)),
                    Frame.close(1000, ""));
            List<Frame> frames = framesUntilEof(client);
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            for (Frame frame : frames.subList(0, frames.size() - 1)) {
                echoed.writeBytes(frame.payload());
            }
            assertThat(inflate(new Inflater(true), echoed.toByteArray())).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("RFC 7692 §6: an uncompressed message (RSV1 clear) on a compressing connection is echoed")
    void uncompressedMessageStillEchoes() throws IOException, DataFormatException {
        try (WireClient client = open("permessage-deflate")) {
            client.sendTogether(Frame.text("plain").notFinal(), Frame.continuation(" text".getBytes(StandardCharsets.UTF_8)),
                    Frame.close(1000, ""));
            Frame echo = framesUntilEof(client).get(0);
            assertThat(echo.opcode()).isEqualTo(Frame.TEXT);
            byte[] text = echo.rsv() == Frame.RSV1 ? inflate(new Inflater(true), echo.payload()) : echo.payload();
            assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("plain text");
        }
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a Ping with RSV1", "a continuation with RSV1"})
    @DisplayName("RFC 7692 §6.1: RSV1 on a control frame or a continuation fails the connection with 1002")
    void rsv1OutOfPlaceIs1002(String what) throws IOException {
        byte[] hello = HexFormat.of().parseHex("f248cdc9c90700");
        try (WireClient client = open("permessage-deflate")) {
            if (what.contains("Ping")) {
                client.send(Frame.ping(new byte[0]).withRsv(Frame.RSV1));
            } else {
                client.sendTogether(new Frame(false, Frame.RSV1, Frame.TEXT, Frame.MASK_KEY, hello),
                        Frame.continuation(new byte[] {0x00}).withRsv(Frame.RSV1));
            }
            assertThat(awaitCloseSkippingEchoes(client).code()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("RFC 6455 §8.1: invalid UTF-8 inside a compressed text message fails the connection with 1007")
    void invalidUtf8InsideCompressedTextIs1007() throws IOException {
        byte[] invalid = {'o', 'k', (byte) 0xc0, (byte) 0xaf};
        try (WireClient client = open("permessage-deflate")) {
            client.send(compressed(Frame.TEXT, compress(new Deflater(Deflater.DEFAULT_COMPRESSION, true), invalid)));
            assertThat(awaitCloseSkippingEchoes(client).code()).isEqualTo(1007);
        }
    }

    @Test
    @DisplayName("bytes that do not inflate fail the connection with 1007")
    void corruptDeflateDataIs1007() throws IOException {
        try (WireClient client = open("permessage-deflate")) {
            client.send(compressed(Frame.BINARY, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00}));
            assertThat(awaitCloseSkippingEchoes(client).code()).isEqualTo(1007);
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
    @DisplayName("many small compressed fragments that add up to more than 1 MiB get 1009")
    void fragmentBombIs1009() throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[64 * 1024];
        // Fragments of one message keep the 00 00 ff ff of their flush: only the message's last loses it (§7.2.1).
        List<Frame> fragments = new ArrayList<>();
        fragments.add(new Frame(false, Frame.RSV1, Frame.BINARY, Frame.MASK_KEY, Bomb.flushed(deflater, zeros)));
        for (int i = 1; i < 64; i++) { // 64 × 64 KiB = 4 MiB, each fragment a few hundred bytes
            fragments.add(Frame.continuation(Bomb.flushed(deflater, zeros)).notFinal());
        }
        try (WireClient client = open("permessage-deflate")) {
            client.sendInBackground(Frame.concat(fragments.toArray(Frame[]::new)));
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("the module's client offers permessage-deflate when asked and echoes through it")
    void clientOffersDeflate() throws Exception {
        JakartaEchoClientTest.RecordingEvents events = new JakartaEchoClientTest.RecordingEvents();
        try (JakartaEchoClient client = JakartaEchoClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                ClientOptions.defaults().withDeflate(true), events)) {
            String text = "compressible ".repeat(1000);
            client.sendText(text);
            assertThat(events.next()).isEqualTo("text:" + text);
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(events.next()).isEqualTo("binary:01 02 03");
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
