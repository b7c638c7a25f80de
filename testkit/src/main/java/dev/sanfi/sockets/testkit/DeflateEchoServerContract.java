package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compression (RFC 7692, permessage-deflate; {@code docs/contract.md} §4) as tests: every echo
 * module's server started with {@code --deflate} passes them. A module's test extends this class and
 * says only how to start its server, with the same hook as {@link EchoServerContract}:
 *
 * <pre>{@code
 * class RawDeflateEchoServerTest extends DeflateEchoServerContract {
 *     @Override
 *     protected EchoServer start(ServerSettings settings) throws Exception {
 *         return RawEchoServer.start(settings);
 *     }
 * }
 * }</pre>
 *
 * <p>The contract starts the shared server with {@code settings.withDeflate(true)} (and one test a
 * server without it). Its side of the compression is {@link DeflatePeer}, a few lines of
 * {@code java.util.zip} of its own, so that a module's codec cannot hide a bug by being on both
 * ends; {@link NegotiatedDeflate} reads the server's answer as RFC 7692 §7 tells a client to.
 *
 * <p>What the RFC leaves to the server is accepted either way: the server may compress a message or
 * not (RSV1 says which), may add {@code client_no_context_takeover} or a window size to its answer,
 * and may decline an offer of a window smaller than its compressor can keep to (§7.1.2.1). What it
 * must do is tested: answer each offer by the rules of §7, take the first offer it can accept, keep
 * to {@code server_no_context_takeover}, inflate what it is sent with or without the shared window,
 * fail RSV1 where §6 forbids it, and count its message limit in inflated bytes while inflating,
 * so that a kilobyte that would inflate to a gigabyte costs it no more than the limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeflateEchoServerContract extends ServerFixture {

    /** The limit the shared server runs with: {@code Limits.MAX_MESSAGE_BYTES}. */
    protected static final int ONE_MIB = 1024 * 1024;

    /** What Chromium offers on every connection (and RawEchoClient with {@code --deflate}). */
    protected static final String BROWSER_OFFER = "permessage-deflate; client_max_window_bits";

    /** RFC 7692 §7.2.3.1: "Hello" in one compressed DEFLATE block, the tail stripped. */
    protected static final byte[] HELLO = bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

    /** The settings of the shared server: the defaults on 127.0.0.1 and a free port, with deflate. */
    @Override
    protected ServerSettings defaultSettings() {
        return super.defaultSettings().withDeflate(true);
    }

    /** A connection on which the server agreed to this offer; closed after the test. */
    protected DeflateConnection open(EchoServer target, String offer) throws IOException {
        return closedAfterTest(DeflateConnection.open(target, offer));
    }

    protected DeflateConnection open(String offer) throws IOException {
        return open(server(), offer);
    }

    /** A connection after a checked 101, and the 101 itself. */
    protected record Upgraded(WireClient client, HttpResponse response) {
    }

    /** Upgrades with this offer (or none, for null) and returns the checked 101; the client is closed after the test. */
    protected Upgraded upgrade(EchoServer target, String offer) throws IOException {
        WireClient client = closedAfterTest(WireClient.connect(target));
        HandshakeRequest request = client.upgradeRequest();
        return new Upgraded(client, client.upgrade(offer == null ? request : request.withHeader(NegotiatedDeflate.HEADER, offer)));
    }

    // ---------------------------------------------------------------------------------------------
    // Negotiation (RFC 7692 §5, §7.1)
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 7692 §7: a plain offer is accepted; the answer names no client_max_window_bits, which was not offered")
    public void plainOfferIsAccepted() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        assertThat(connection.agreed().clientMaxWindowBits())
                .as("RFC 7692 §7.1.2.2: an answer to an offer without client_max_window_bits must not name it")
                .isZero();
        assertEchoes(connection, Message.text("Hello"));
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.1: server_no_context_takeover is answered and kept: each message the server sends stands alone")
    public void serverNoContextTakeoverIsAnsweredAndKept() throws IOException {
        DeflateConnection connection = open("permessage-deflate; server_no_context_takeover");
        assertThat(connection.agreed().serverNoContextTakeover())
                .as("RFC 7692 §7.1.1.1: a server accepts server_no_context_takeover by naming it in its answer").isTrue();
        // The contract inflates each of the server's messages on its own: an echo that refers to the
        // window of an earlier one (a repeated "Hello" is a back-reference, §7.2.3.2) fails to inflate.
        for (int i = 0; i < 3; i++) {
            assertEchoes(connection, Message.text("Hello"));
            assertEchoes(connection, Message.text("Hello, Hello, Hello " + "x".repeat(200)));
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.1.2: with client_no_context_takeover offered, messages compressed each on its own are echoed")
    public void clientNoContextTakeoverIsAccepted() throws IOException {
        DeflateConnection connection = open("permessage-deflate; client_no_context_takeover");
        for (int i = 0; i < 3; i++) {
            assertEchoes(connection, Message.text("Hello"));
            assertEchoes(connection, Message.binary(pattern(3000)));
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.1.2.1: server_max_window_bits=15 is answered with a window of at most 15 bits")
    public void serverMaxWindowBits15IsAnswered() throws IOException {
        DeflateConnection connection = open("permessage-deflate; server_max_window_bits=15");
        assertThat(connection.agreed().serverMaxWindowBits())
                .as("RFC 7692 §7.1.2.1: a server accepts server_max_window_bits by naming it with the same or a smaller value")
                .isBetween(8, 15);
        assertEchoes(connection, Message.text("Hello " + "window ".repeat(100)));
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 12})
    @DisplayName("RFC 7692 §7.1.2.1: a smaller server_max_window_bits is answered with at most that value, or the offer declined")
    public void smallerServerWindowIsAnsweredOrDeclined(int bits) throws IOException {
        String offer = "permessage-deflate; server_max_window_bits=" + bits;
        Upgraded upgraded = upgrade(server(), offer);
        NegotiatedDeflate agreed = NegotiatedDeflate.of(upgraded.response());
        if (agreed == null) {
            // Declined (§7.1.2.1 lets a server that cannot keep to the window do so): an uncompressed connection.
            upgraded.client().send(Frame.text("declined"));
            assertThat(upgraded.client().readMessage()).isEqualTo(Message.text("declined"));
            return;
        }
        assertThat(agreed.serverMaxWindowBits()).as("RFC 7692 §7.1.2.1: the answer names the window, at most %d bits", bits)
                .isBetween(8, bits);
        assertEchoes(open(offer), Message.text("Hello, within a small window"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {BROWSER_OFFER, "permessage-deflate; client_max_window_bits=10",
            "permessage-deflate; client_max_window_bits=\"10\""})
    @DisplayName("RFC 7692 §7.1.2.2: client_max_window_bits, with or without a value, is accepted and answered with at most that value")
    public void clientMaxWindowBitsIsAccepted(String offer) throws IOException {
        DeflateConnection connection = open(offer);
        int offered = offer.endsWith("client_max_window_bits") ? 15 : 10;
        int answered = connection.agreed().clientMaxWindowBits();
        assertThat(answered == 0 || answered >= 8 && answered <= offered)
                .as("RFC 7692 §7.1.2.2: the answer names no client window, or one of 8 to %d bits; got %d", offered, answered)
                .isTrue();
        assertEchoes(connection, Message.text("Hello"));
        assertEchoes(connection, Message.text("a short message, well within any window"));
    }

    protected static Stream<Arguments> severalOffers() {
        return Stream.of(
                Arguments.of("the first of two valid offers",
                        "permessage-deflate; server_no_context_takeover, permessage-deflate"),
                Arguments.of("after an offer with a window of 16 bits",
                        "permessage-deflate; server_max_window_bits=16, permessage-deflate; server_no_context_takeover"),
                Arguments.of("after an offer with an unknown parameter",
                        "permessage-deflate; x_unknown, permessage-deflate; server_no_context_takeover"),
                Arguments.of("after an offer naming a parameter twice", "permessage-deflate; client_no_context_takeover;"
                        + " client_no_context_takeover, permessage-deflate; server_no_context_takeover"),
                Arguments.of("after an extension the server does not know",
                        "x-unknown-extension; x=1, permessage-deflate; server_no_context_takeover"),
                Arguments.of("over two header lines (RFC 6455 §9.1)",
                        "permessage-deflate; x_unknown\npermessage-deflate; server_no_context_takeover"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalOffers")
    @DisplayName("RFC 7692 §5: of several offers the first acceptable one is taken, and only it is answered")
    public void firstAcceptableOfferIsTaken(String what, String offers) throws IOException {
        // One header line per line of the text.
        DeflateConnection connection = closedAfterTest(DeflateConnection.open(server(), List.of(offers.split("\n"))));
        assertThat(connection.agreed().serverNoContextTakeover())
                .as("RFC 7692 §5, §7.1.1.1: the offer taken (%s) asks for server_no_context_takeover, so the answer names it", what)
                .isTrue();
        assertEchoes(connection, Message.text("Hello"));
        assertEchoes(connection, Message.text("Hello"));
    }

    protected static Stream<Arguments> badOffers() {
        return Stream.of(
                Arguments.of("server_max_window_bits without a value", "permessage-deflate; server_max_window_bits"),
                Arguments.of("server_max_window_bits=7 (below 8)", "permessage-deflate; server_max_window_bits=7"),
                Arguments.of("server_max_window_bits=16 (above 15)", "permessage-deflate; server_max_window_bits=16"),
                Arguments.of("server_max_window_bits=010 (a leading zero)", "permessage-deflate; server_max_window_bits=010"),
                Arguments.of("server_max_window_bits=ten", "permessage-deflate; server_max_window_bits=ten"),
                Arguments.of("client_max_window_bits=7", "permessage-deflate; client_max_window_bits=7"),
                Arguments.of("client_max_window_bits=16", "permessage-deflate; client_max_window_bits=16"),
                Arguments.of("server_no_context_takeover with a value", "permessage-deflate; server_no_context_takeover=1"),
                Arguments.of("an unknown parameter", "permessage-deflate; x_unknown"),
                Arguments.of("server_no_context_takeover twice",
                        "permessage-deflate; server_no_context_takeover; server_no_context_takeover"),
                Arguments.of("client_max_window_bits twice", "permessage-deflate; client_max_window_bits; client_max_window_bits=10"),
                Arguments.of("only an extension the server does not know", "x-unknown-extension"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOffers")
    @DisplayName("RFC 7692 §7: an offer with a parameter unknown, repeated or out of range is declined: 101 with no extension")
    public void badOfferIsDeclined(String what, String offer) throws IOException {
        Upgraded upgraded = upgrade(server(), offer);
        assertThat(upgraded.response().header(NegotiatedDeflate.HEADER))
                .as("RFC 7692 §7: a server must decline an offer with %s; got:%n%s", what, upgraded.response())
                .isNull();
        upgraded.client().send(Frame.text("uncompressed"));
        assertThat(upgraded.client().readMessage()).isEqualTo(Message.text("uncompressed"));
    }

    @Test
    @DisplayName("RFC 6455 §9.1: a server started without deflate answers an offer with no extension, and RSV1 with 1002")
    public void serverWithoutDeflateAnswersNoExtension() throws Exception {
        EchoServer plain = startOwn(defaultSettings().withDeflate(false));
        Upgraded upgraded = upgrade(plain, BROWSER_OFFER);
        assertThat(upgraded.response().header(NegotiatedDeflate.HEADER))
                .as("settings.deflate() is false: permessage-deflate is not accepted; got:%n%s", upgraded.response()).isNull();
        upgraded.client().send(Frame.text(HELLO).withRsv(Frame.RSV1));
        assertFailsWith(upgraded.client(), 1002, "RFC 6455 §5.2: RSV1 without a negotiated extension");
    }

    @Test
    @DisplayName("RFC 6455 §5.2: RSV1 on a connection that offered no extension gets 1002, though the server has deflate")
    public void rsv1WithoutNegotiationIsRefused() throws IOException {
        WireClient client = upgrade(server(), null).client();
        client.send(Frame.text("fine"));
        assertThat(client.readMessage()).isEqualTo(Message.text("fine"));
        client.send(Frame.text(HELLO).withRsv(Frame.RSV1));
        assertFailsWith(client, 1002, "RFC 6455 §5.2, RFC 7692 §6: RSV1 on a connection that did not negotiate permessage-deflate");
    }

    // ---------------------------------------------------------------------------------------------
    // Echo (RFC 7692 §6, §7.2)
    // ---------------------------------------------------------------------------------------------

    protected static Stream<String> parameterSets() {
        return Stream.of("permessage-deflate", "permessage-deflate; server_no_context_takeover",
                "permessage-deflate; client_no_context_takeover",
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover", BROWSER_OFFER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterSets")
    @DisplayName("RFC 7692 §7.2: compressed text and binary come back as the same messages, repeated ones too, with and without context takeover")
    public void compressedMessagesAreEchoed(String offer) throws IOException {
        DeflateConnection connection = open(offer);
        String json = "{\"user\":\"ada\",\"text\":\"hello, hello, hello\",\"room\":\"lobby\"}";
        List<Message> messages = List.of(Message.text("Hello"), Message.text("Hello"), Message.text(""),
                Message.text(json), Message.text(json), Message.binary(pattern(1000)), Message.binary(new byte[0]),
                Message.text("héllo wörld — καλημέρα — 你好 — 🎉"), Message.text(asciiText(100_000)),
                Message.binary(pattern(65_536)), Message.text(json));
        for (Message message : messages) {
            assertEchoes(connection, message);
        }
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1-2: the RFC's 'Hello' (f2 48 cd c9 c9 07 00), whole and in frames of 3 and 4 bytes, then with the shared window (f2 00 11 00 00)")
    public void theRfcHelloExamplesAreEchoed() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        // §7.2.3.1: one frame, c1 07 f2 48 cd c9 c9 07 00 (masked here: it comes from a client).
        connection.wire().send(Frame.text(HELLO).withRsv(Frame.RSV1));
        assertThat(connection.readMessage()).isEqualTo(Message.text("Hello"));
        // §7.2.3.1: the same payload in two frames, 41 03 f2 48 cd and 80 04 c9 c9 07 00: RSV1 on the first only.
        connection.wire().sendTogether(Frame.text(slice(HELLO, 0, 3)).notFinal().withRsv(Frame.RSV1),
                Frame.continuation(slice(HELLO, 3, 7)));
        assertThat(connection.readMessage()).isEqualTo(Message.text("Hello"));
        // §7.2.3.2: with context takeover the next "Hello" is a back-reference into the window.
        connection.wire().send(Frame.text(bytes(0xf2, 0x00, 0x11, 0x00, 0x00)).withRsv(Frame.RSV1));
        assertThat(connection.readMessage())
                .as("RFC 7692 §7.2.3.2: f2 00 11 00 00 after a Hello is Hello again, from the shared window")
                .isEqualTo(Message.text("Hello"));
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.3-5: a stored (uncompressed) DEFLATE block, a block with BFINAL set, and two blocks in one message are all 'Hello'")
    public void theRfcBlockExamplesAreEchoed() throws IOException {
        // client_no_context_takeover: a BFINAL block ends the sender's DEFLATE stream (§7.2.3.4), so a
        // client that uses one starts every message afresh.
        DeflateConnection connection = open("permessage-deflate; client_no_context_takeover");
        byte[][] payloads = {
                bytes(0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00),              // §7.2.3.3
                bytes(0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00),                                // §7.2.3.4
                bytes(0xf2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xff, 0xff, 0xca, 0xc9, 0xc9, 0x07, 0x00),  // §7.2.3.5
                HELLO};
        for (byte[] payload : payloads) {
            connection.wire().send(Frame.text(payload).withRsv(Frame.RSV1));
            assertThat(connection.readMessage()).as("RFC 7692 §7.2.3: %s is Hello", HexFormat.ofDelimiter(" ").formatHex(payload))
                    .isEqualTo(Message.text("Hello"));
        }
    }

    @Test
    @DisplayName("RFC 7692 §6.1: a compressed message in many fragments, RSV1 on the first only, empty ones among them, is echoed")
    public void fragmentedCompressedMessageIsEchoed() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        for (int round = 0; round < 2; round++) {   // the second round inflates with the window of the first
            Message message = Message.text(asciiText(20_000) + " round " + round);
            byte[] compressed = connection.compress(message.data());
            List<Frame> frames = new ArrayList<>();
            frames.add(Frame.text(slice(compressed, 0, 1)).notFinal().withRsv(Frame.RSV1));
            frames.add(Frame.continuation(new byte[0]).notFinal());
            for (int at = 1; at < compressed.length; at += 7) {
                frames.add(Frame.continuation(slice(compressed, at, Math.min(at + 7, compressed.length))).notFinal());
            }
            frames.add(Frame.continuation(new byte[0]));
            connection.wire().sendTogether(frames.toArray(Frame[]::new));
            assertEchoReceived(connection, message);
        }
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a Ping between the fragments of a compressed message is answered; the message is echoed after")
    public void pingBetweenCompressedFragmentsIsAnswered() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        byte[] compressed = connection.compress("fragments around a ping".getBytes(StandardCharsets.UTF_8));
        connection.wire().send(Frame.text(slice(compressed, 0, 5)).notFinal().withRsv(Frame.RSV1));
        connection.wire().send(Frame.ping(bytes(1, 2, 3)));
        assertThat(connection.wire().readFrame()).as("RFC 6455 §5.5.3: the Pong comes at once, uncompressed")
                .isEqualTo(Frame.pong(bytes(1, 2, 3)).unmasked());
        connection.wire().send(Frame.continuation(slice(compressed, 5, compressed.length)));
        assertEchoReceived(connection, Message.text("fragments around a ping"));
    }

    @Test
    @DisplayName("RFC 7692 §6: an uncompressed message (RSV1 clear) on a compressed connection is echoed as the same message")
    public void uncompressedMessageIsEchoed() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        assertEchoes(connection, Message.text("compressed"));
        connection.wire().send(Frame.text("plain, RSV1 clear"));
        assertEchoReceived(connection, Message.text("plain, RSV1 clear"));
        connection.wire().sendTogether(Frame.binary(pattern(10)).notFinal(), Frame.continuation(pattern(20)));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(pattern(10));
        both.writeBytes(pattern(20));
        assertEchoReceived(connection, Message.binary(both.toByteArray()));
        assertEchoes(connection, Message.text("compressed again"));
    }

    @Test
    @DisplayName("contract §4: a server started with deflate compresses what it sends: 10 KiB of repeated text comes back with RSV1, smaller")
    public void serverCompressesItsMessages() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        Message message = Message.text("compress me, ".repeat(800));
        connection.send(message);
        DeflateConnection.Received echo = connection.receive();
        assertThat(echo.message()).isEqualTo(message);
        assertThat(echo.compressed()).as("contract §4: the echo of a compressible message has RSV1 (RFC 7692 §6.1)").isTrue();
        assertThat(echo.payloadBytes()).as("the compressed echo is smaller than the message").isLessThan(message.data().length / 4);
    }

    // ---------------------------------------------------------------------------------------------
    // Protocol errors (RFC 7692 §6.1)
    // ---------------------------------------------------------------------------------------------

    protected static Stream<Arguments> misplacedRsvBits() {
        byte[] payload = bytes(1, 2, 3);
        return Stream.of(
                Arguments.of("RSV1 on a Ping", List.of(Frame.ping(payload).withRsv(Frame.RSV1))),
                Arguments.of("RSV1 on a Pong", List.of(Frame.pong(payload).withRsv(Frame.RSV1))),
                Arguments.of("RSV1 on a Close", List.of(Frame.close(1000, "").withRsv(Frame.RSV1))),
                Arguments.of("RSV1 on the continuation of a compressed message",
                        List.of(Frame.text(slice(HELLO, 0, 3)).notFinal().withRsv(Frame.RSV1),
                                Frame.continuation(slice(HELLO, 3, 7)).withRsv(Frame.RSV1))),
                Arguments.of("RSV1 on the continuation of an uncompressed message",
                        List.of(Frame.text("Hel").notFinal(), Frame.continuation(HELLO).withRsv(Frame.RSV1))),
                Arguments.of("RSV2 on a data frame (permessage-deflate defines RSV1 only)",
                        List.of(Frame.text("Hello").withRsv(Frame.RSV2))),
                Arguments.of("RSV3 on a compressed frame", List.of(Frame.text(HELLO).withRsv(Frame.RSV1 | Frame.RSV3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misplacedRsvBits")
    @DisplayName("RFC 7692 §6.1: RSV1 on a control frame or a continuation, or another RSV bit, gets Close 1002")
    public void misplacedRsvBitIsRefusedWith1002(String what, List<Frame> frames) throws IOException {
        DeflateConnection connection = open("permessage-deflate; client_no_context_takeover");
        assertEchoes(connection, Message.text("before the error"));
        connection.wire().sendTogether(frames.toArray(Frame[]::new));
        assertFailsWith(connection.wire(), 1002, "RFC 7692 §6.1: " + what);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: a compressed text message that inflates to invalid UTF-8 gets Close 1007")
    public void compressedInvalidUtf8IsRefusedWith1007() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        connection.wire().send(Frame.text(connection.compress(bytes(0x48, 0x69, 0xff))).withRsv(Frame.RSV1));
        assertFailsWith(connection.wire(), 1007, "RFC 6455 §8.1: the inflated text 48 69 ff is not UTF-8");
    }

    // ---------------------------------------------------------------------------------------------
    // The limit counts inflated bytes, and bombs (contract §4)
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("contract §4: the limit counts inflated bytes: maxMessageBytes compressed to a few bytes is echoed, one byte more gets 1009")
    public void limitCountsInflatedBytes() throws Exception {
        int limit = 1000;
        EchoServer small = startOwn(defaultSettings().withMaxMessageBytes(limit));
        DeflateConnection atLimit = open(small, "permessage-deflate");
        assertEchoes(atLimit, Message.text("a".repeat(limit)));
        DeflateConnection over = open(small, "permessage-deflate");
        byte[] compressed = over.compress("b".repeat(limit + 1).getBytes(StandardCharsets.US_ASCII));
        assertThat(compressed.length).as("the test's premise: the frame itself is small").isLessThan(100);
        over.wire().send(Frame.text(compressed).withRsv(Frame.RSV1));
        assertFailsWith(over.wire(), 1009, "contract §4: " + (limit + 1) + " inflated bytes in " + compressed.length
                + " compressed, limit " + limit);
    }

    @Test
    @DisplayName("contract §4: 1 MiB of random bytes, larger than 1 MiB once compressed, is echoed: the limit is on the message, not its compressed frame")
    public void incompressibleMessageAtTheLimitIsEchoed() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        byte[] random = new byte[ONE_MIB];
        new Random(7692).nextBytes(random);
        Frame frame = connection.compressedFrame(Message.binary(random));
        assertThat(frame.payload().length).as("the test's premise: random bytes grow a little when deflated").isGreaterThan(ONE_MIB);
        connection.wire().sendInBackground(frame.toBytes());
        assertEchoReceived(connection, Message.binary(random));
    }

    /** {@link DeflatePeer#bomb}: kilobytes that inflate to MiBs of zeros, then a byte no inflater takes. */
    protected static byte[] bomb(int blocks) {
        return DeflatePeer.bomb(blocks);
    }

    @Test
    @DisplayName("contract §4: a frame of under 1 MiB that would inflate to about 1 GiB gets Close 1009, the server inflating about its limit only")
    public void bombInOneFrameIsRefusedWith1009() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        int blocks = (ONE_MIB - 1024) / DeflatePeer.bombBlock().length;
        byte[] bomb = bomb(blocks);
        assertThat(blocks).as("the test's premise: the frame inflates to more than 900 MiB").isGreaterThan(900);
        connection.wire().sendInBackground(Frame.binary(bomb).withRsv(Frame.RSV1).toBytes());
        assertFailsWith(connection.wire(), 1009, "contract §4: " + bomb.length + " compressed bytes that inflate to "
                + blocks + " MiB, with a broken block at the end (a Close other than 1009 means the server inflated "
                + "past its limit of 1 MiB to reach it)");
    }

    @Test
    @DisplayName("contract §4: many small compressed fragments that add up to 64 MiB inflated get Close 1009, counted across fragments")
    public void bombInSmallFragmentsIsRefusedWith1009() throws IOException {
        DeflateConnection connection = open("permessage-deflate");
        byte[] bomb = bomb(64);
        List<Frame> frames = new ArrayList<>();
        for (int at = 0; at < bomb.length; at += 100) {
            byte[] piece = slice(bomb, at, Math.min(at + 100, bomb.length));
            Frame fragment = at == 0 ? Frame.binary(piece).withRsv(Frame.RSV1) : Frame.continuation(piece);
            frames.add(at + 100 >= bomb.length ? fragment : fragment.notFinal());
        }
        connection.wire().sendInBackground(Frame.concat(frames.toArray(Frame[]::new)));
        assertFailsWith(connection.wire(), 1009, "contract §4: " + frames.size() + " fragments of at most 100 compressed "
                + "bytes inflating to 64 MiB, with a broken block at the end (a Close other than 1009 means the server "
                + "did not count the fragments together while inflating)");
    }

    // ---------------------------------------------------------------------------------------------
    // Assertions and payloads
    // ---------------------------------------------------------------------------------------------

    /** Sends the message compressed, in one frame, and checks the echo. */
    protected void assertEchoes(DeflateConnection connection, Message message) throws IOException {
        connection.send(message);
        assertEchoReceived(connection, message);
    }

    /** Reads the next message, inflating it if it came compressed, and checks it is the one sent. */
    protected void assertEchoReceived(DeflateConnection connection, Message sent) throws IOException {
        Message received = connection.readMessage();
        String difference = received.differenceFrom(sent);
        if (difference != null) {
            fail("contract §4: the echo is the same message (%s); %s", sent, difference);
        }
    }

    /** The server fails the connection: its Close carries the code, then it closes TCP (RFC 6455 §7.1.7). */
    protected void assertFailsWith(WireClient client, int code, String rule) throws IOException {
        EchoChecks.assertFailsWith(client, code, rule);
    }

    /** ASCII text of exactly {@code size} bytes, not all the same letter. */
    protected static String asciiText(int size) {
        return EchoServerContract.asciiText(size);
    }

    /** {@code size} bytes that cover every byte value. */
    protected static byte[] pattern(int size) {
        return EchoServerContract.pattern(size);
    }

    protected static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
