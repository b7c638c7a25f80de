package dev.sanfi.sockets.netty;

import static dev.sanfi.sockets.netty.WireBytes.BINARY;
import static dev.sanfi.sockets.netty.WireBytes.CONTINUATION;
import static dev.sanfi.sockets.netty.WireBytes.FIN;
import static dev.sanfi.sockets.netty.WireBytes.PING;
import static dev.sanfi.sockets.netty.WireBytes.RSV1;
import static dev.sanfi.sockets.netty.WireBytes.TEXT;
import static dev.sanfi.sockets.netty.WireBytes.bytes;
import static dev.sanfi.sockets.netty.WireBytes.deflated;
import static dev.sanfi.sockets.netty.WireBytes.deflatedZeros;
import static dev.sanfi.sockets.netty.WireBytes.masked;
import static dev.sanfi.sockets.netty.WireBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.netty.guard.OpenSessions;
import dev.sanfi.sockets.raw.deflate.MessageInflater;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server pipeline with permessage-deflate (RFC 7692) in an {@link EmbeddedChannel}: the
 * negotiation, the examples of §7.2.3 byte for byte, the RSV1 rules of §6, and deflate bombs —
 * refused with 1009, after inflating no more than the limit and a little.
 */
class DeflatePipelineTest {

    private static final int LIMIT = 64 * 1024;
    private static final ServerSettings SETTINGS = ServerSettings.defaults(0).withMaxMessageBytes(LIMIT).withDeflate(true);

    /** RFC 7692 §7.2.3.1: "Hello" compressed, without the 00 00 ff ff tail. */
    private static final byte[] HELLO_DEFLATED = bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

    private EmbeddedChannel channel;

    private String upgrade(ServerSettings settings, String extensions) {
        channel = new EmbeddedChannel(new EchoChannelInitializer(settings, new OpenSessions(ImmediateEventExecutor.INSTANCE)));
        channel.writeInbound(extensions == null ? WireBytes.upgradeRequest() : WireBytes.upgradeRequest(extensions));
        String response = WireBytes.outboundText(channel);
        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        return response;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 7692 §5: an offer of permessage-deflate is accepted, and the pipeline holds the inflater")
    void offerIsAccepted() {
        String response = upgrade(SETTINGS, "permessage-deflate; client_max_window_bits");

        assertThat(response).containsIgnoringCase("sec-websocket-extensions: permessage-deflate\r\n");
        assertThat(channel.pipeline().names()).contains("reserved-bits", "compressed-messages", "inflate-failure")
                .doesNotContain("deflate-negotiation", "deflate")
                .anyMatch(name -> name.contains("PerMessageDeflateDecoder"));
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: server_no_context_takeover, when offered, is accepted")
    void serverNoContextTakeoverIsAccepted() {
        String response = upgrade(SETTINGS, "permessage-deflate; server_no_context_takeover");

        assertThat(response).containsIgnoringCase("sec-websocket-extensions: permessage-deflate;server_no_context_takeover\r\n");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: an offer that wants a smaller server window is declined; the next offer is taken")
    void smallerServerWindowIsDeclined() {
        String response = upgrade(SETTINGS, "permessage-deflate; server_max_window_bits=10, permessage-deflate");

        assertThat(response).containsIgnoringCase("sec-websocket-extensions: permessage-deflate\r\n");
    }

    @Test
    @DisplayName("RFC 7692 §7.1: an offer with a parameter value that is no number is declined, the upgrade goes on")
    void unreadableParameterIsDeclined() {
        String response = upgrade(SETTINGS, "permessage-deflate; client_max_window_bits=abc");

        assertThat(response.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits out of 8..15 is declined")
    void windowOutOfRangeIsDeclined() {
        String response = upgrade(SETTINGS, "permessage-deflate; client_max_window_bits=16");

        assertThat(response.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    @DisplayName("RFC 7692 §7: a parameter twice, or a value where none belongs, declines the offer")
    void repeatedOrValuedFlagIsDeclined() {
        assertThat(upgrade(SETTINGS, "permessage-deflate; server_no_context_takeover; server_no_context_takeover")
                .toLowerCase()).doesNotContain("sec-websocket-extensions");
        channel.finishAndReleaseAll();
        assertThat(upgrade(SETTINGS, "permessage-deflate; server_no_context_takeover=1")
                .toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits=10 is answered with 10 or less")
    void clientWindowIsAnsweredNoLarger() {
        assertThat(upgrade(SETTINGS, "permessage-deflate; client_max_window_bits=10"))
                .containsIgnoringCase("sec-websocket-extensions: permessage-deflate;client_max_window_bits=10\r\n");
    }

    @Test
    @DisplayName("RFC 7692 §7: an unknown parameter declines the offer")
    void unknownParameterIsDeclined() {
        String response = upgrade(SETTINGS, "permessage-deflate; max_message_size=10");

        assertThat(response.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: server_max_window_bits=15 is accepted, and the answer names it")
    void serverWindow15IsNamed() {
        assertThat(upgrade(SETTINGS, "permessage-deflate; server_max_window_bits=15"))
                .containsIgnoringCase("sec-websocket-extensions: permessage-deflate;server_max_window_bits=15\r\n");
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: client_no_context_takeover is agreed when offered")
    void clientNoContextTakeoverIsAgreed() {
        assertThat(upgrade(SETTINGS, "permessage-deflate; client_no_context_takeover"))
                .containsIgnoringCase("sec-websocket-extensions: permessage-deflate;client_no_context_takeover\r\n");
    }

    @Test
    @DisplayName("without server --deflate an offer is ignored: no extension in the 101")
    void offFromTheStart() {
        String response = upgrade(SETTINGS.withDeflate(false), "permessage-deflate");

        assertThat(response.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1 and §7.2.3.2: \"Hello\" inflates, and the echo is \"Hello\" compressed, then with the shared window")
    void helloByteForByte() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | RSV1 | TEXT, HELLO_DEFLATED));
        assertThat(outbound(channel)).containsExactly(bytes(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));

        channel.writeInbound(masked(FIN | RSV1 | TEXT, HELLO_DEFLATED));
        // §7.2.3.2: the second "Hello" refers back to the first in the server's window
        assertThat(outbound(channel)).containsExactly(bytes(0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00));
    }

    @Test
    @DisplayName("a bomb in small fragments that ends inflates to the limit and a little, then fails with 1009")
    void endedFragmentedBombIs1009WithBoundedMemory() {
        upgrade(SETTINGS, "permessage-deflate");
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        ByteBuf frames = Unpooled.buffer();
        frames.writeBytes(masked(RSV1 | BINARY, nextZeros(deflater, 16 * 1024)));
        for (int i = 0; i < 1_000; i++) { // 16 MiB once inflated, a few dozen KiB compressed
            frames.writeBytes(masked(i < 999 ? CONTINUATION : FIN | CONTINUATION, nextZeros(deflater, 16 * 1024)));
        }
        deflater.end();

        long allocated = allocatedWhile(() -> channel.writeInbound(frames));

        assertThat(closeCodeSent()).isEqualTo(1009);
        assertThat(allocated).as("bytes allocated on this thread while refusing the bomb").isLessThan(64L << 20);
    }

    @Test
    @DisplayName("a MiB of random bytes in 2 KiB stored blocks, as Python's websockets sends it (limit + 2,561 bytes), is echoed at a limit of 1 MiB")
    void smallStoredBlocksAtTheLimitAreEchoed() {
        int limit = 1 << 20;
        upgrade(SETTINGS.withMaxMessageBytes(limit), "permessage-deflate");
        byte[] random = new byte[limit];
        new java.util.Random(7692).nextBytes(random);
        byte[] compressed = WireBytes.storedBlocks(random, 2048);
        assertThat(compressed.length).as("the test's premise").isEqualTo(limit + 2561);

        channel.writeInbound(masked(FIN | RSV1 | BINARY, compressed));

        assertThat(inflate(echoedPayload())).isEqualTo(random);
    }

    @Test
    @DisplayName("a compressed frame longer than any zlib makes of a message at the limit fails with 1009 from its header")
    void compressedFrameOverTheBoundIs1009() {
        upgrade(SETTINGS, "permessage-deflate");
        ByteBuf header = Unpooled.buffer().writeByte(FIN | RSV1 | BINARY).writeByte(0x80 | 127)
                .writeLong(MessageInflater.maxCompressedBytes(LIMIT) + 1).writeInt(0);

        channel.writeInbound(header);

        assertThat(closeCodeSent()).isEqualTo(1009);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: a compressed message in two fragments, RSV1 on the first only, is one message")
    void fragmentedCompressedMessage() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(RSV1 | TEXT, bytes(0xf2, 0x48, 0xcd)));
        channel.writeInbound(masked(FIN | CONTINUATION, bytes(0xc9, 0xc9, 0x07, 0x00)));

        assertThat(inflatedEcho()).isEqualTo("Hello");
    }

    @Test
    @DisplayName("RFC 7692 §6: a message sent uncompressed on a compressed connection is echoed (compressed)")
    void uncompressedMessageIsEchoed() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | TEXT, "plain"));

        assertThat(inflatedEcho()).isEqualTo("plain");
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a continuation frame fails with 1002")
    void rsv1OnContinuationIs1002() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(RSV1 | TEXT, bytes(0xf2, 0x48, 0xcd)));
        channel.writeInbound(masked(FIN | RSV1 | CONTINUATION, bytes(0xc9, 0xc9, 0x07, 0x00)));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 7692 §6: RSV1 on a control frame fails with 1002")
    void rsv1OnPingIs1002() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | RSV1 | PING, "hi"));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV2 fails with 1002 on a compressed connection too")
    void rsv2Is1002() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | 0x20 | TEXT, "Hello"));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV1 when the client did not offer the extension fails with 1002")
    void rsv1WithoutTheExtensionIs1002() {
        upgrade(SETTINGS, null);

        channel.writeInbound(masked(FIN | RSV1 | TEXT, HELLO_DEFLATED));

        assertThat(closeCodeSent()).isEqualTo(1002);
    }

    @Test
    @DisplayName("RFC 7692 §7.2.2: data that is not DEFLATE fails with 1007")
    void notDeflateIs1007() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | RSV1 | BINARY, bytes(0xff, 0xff, 0xff, 0xff)));

        assertThat(closeCodeSent()).isEqualTo(1007);
    }

    @Test
    @DisplayName("a compressed message that inflates to exactly the limit is echoed")
    void inflatedToTheLimitIsEchoed() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | RSV1 | BINARY, deflatedZeros(LIMIT)));

        assertThat(inflate(echoedPayload())).hasSize(LIMIT);
    }

    @Test
    @DisplayName("a compressed message that inflates to one byte over the limit fails with 1009")
    void inflatedOverTheLimitIs1009() {
        upgrade(SETTINGS, "permessage-deflate");

        channel.writeInbound(masked(FIN | RSV1 | BINARY, deflatedZeros(LIMIT + 1)));

        assertThat(closeCodeSent()).isEqualTo(1009);
    }

    @Test
    @DisplayName("a bomb: one frame of 1 MiB that inflates to 1 GiB fails with 1009, having inflated about the limit")
    void oneFrameBombIs1009WithBoundedMemory() {
        ServerSettings oneMib = SETTINGS.withMaxMessageBytes(1024 * 1024);
        upgrade(oneMib, "permessage-deflate");
        ByteBuf bomb = masked(FIN | RSV1 | BINARY, deflatedZeros(1L << 30));
        assertThat(bomb.readableBytes()).as("the bomb fits one frame").isLessThan(oneMib.maxMessageBytes());

        long allocated = allocatedWhile(() -> channel.writeInbound(bomb));

        assertThat(closeCodeSent()).isEqualTo(1009);
        assertThat(allocated).as("bytes allocated on this thread while refusing the bomb").isLessThan(64L << 20);
    }

    @Test
    @DisplayName("a bomb in small fragments, never ending, fails with 1009 once its compressed bytes pass the bound; none is inflated")
    void fragmentedBombIs1009WithBoundedMemory() {
        upgrade(SETTINGS, "permessage-deflate");
        // One message, one compressor: each fragment is the next 16 KiB of zeros, sync-flushed (a few
        // dozen bytes); 10,001 of them would inflate to 160 MiB.
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        ByteBuf frames = Unpooled.buffer();
        frames.writeBytes(masked(RSV1 | BINARY, nextZeros(deflater, 16 * 1024)));
        for (int i = 0; i < 10_000; i++) {
            frames.writeBytes(masked(CONTINUATION, nextZeros(deflater, 16 * 1024)));
        }
        deflater.end();

        long allocated = allocatedWhile(() -> channel.writeInbound(frames));

        assertThat(closeCodeSent()).isEqualTo(1009);
        assertThat(allocated).as("bytes allocated on this thread while refusing the bomb").isLessThan(64L << 20);
    }

    /** The next {@code count} zeros of one compressed message, flushed to a byte boundary (RFC 7692 §7.2.1). */
    private static byte[] nextZeros(java.util.zip.Deflater deflater, int count) {
        deflater.setInput(new byte[count]);
        byte[] out = new byte[count + 64];
        int n = deflater.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(out, n);
    }

    /** The bytes the current thread allocated on the heap while the action ran. */
    private static long allocatedWhile(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** The payload of the one data frame the server wrote, which must be compressed (RSV1). */
    private byte[] echoedPayload() {
        ByteBuf out = Unpooled.wrappedBuffer(outbound(channel));
        int first = out.readUnsignedByte();
        assertThat(first & 0xf0).as("FIN and RSV1: a compressed message in one frame").isEqualTo(0xc0);
        int length = out.readUnsignedByte();
        long payload = length == 126 ? out.readUnsignedShort() : length == 127 ? out.readLong() : length;
        assertThat((long) out.readableBytes()).as("one frame, nothing after it").isEqualTo(payload);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private String inflatedEcho() {
        return new String(inflate(echoedPayload()), StandardCharsets.UTF_8);
    }

    /** RFC 7692 §7.2.2: append 00 00 ff ff, inflate. */
    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = java.util.Arrays.copyOf(compressed, compressed.length + 4);
            input[input.length - 2] = (byte) 0xff;
            input[input.length - 1] = (byte) 0xff;
            inflater.setInput(input);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.needsInput()) {
                int n = inflater.inflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError("the echo is not DEFLATE: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The code of the one Close frame the server wrote (the only frame it wrote). */
    private int closeCodeSent() {
        ByteBuf out = Unpooled.wrappedBuffer(outbound(channel));
        assertThat(out.readableBytes()).as("a Close frame").isGreaterThanOrEqualTo(4);
        assertThat(out.readUnsignedByte()).as("FIN + opcode Close, RSV1 clear").isEqualTo((short) 0x88);
        int length = out.readUnsignedByte();
        assertThat(length).as("unmasked, at most 125 bytes").isLessThanOrEqualTo(125).isEqualTo(out.readableBytes());
        return out.readUnsignedShort();
    }
}
