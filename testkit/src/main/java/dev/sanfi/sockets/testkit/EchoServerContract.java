package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.sanfi.sockets.common.EchoPage;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo protocol ({@code docs/contract.md}, RFC 6455) as tests: every echo module's server test extends this
 * class and says only how to start its server.
 *
 * <p>The tests talk to the server through {@link WireClient}, which shares no code with any module
 * and can send any bytes, so a refusal is tested as surely as an echo. Each test's name says the
 * rule it checks, and each failure message names the rule (mostly an RFC 6455 section).
 *
 * <p>One server with the default settings on {@code 127.0.0.1}, port 0, is shared by the tests of a
 * class ({@link ServerFixture}); tests of timers, origins and shutdown start their own server with special settings. A module
 * whose stack cannot meet a rule overrides that test method with {@code @Test} and a
 * {@code @DisplayName("DEVIATION: ...")} that asserts what the stack really does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EchoServerContract extends ServerFixture {

    /** How long a test waits for any single answer of the server. */
    protected static final Duration TIMEOUT = WireClient.DEFAULT_TIMEOUT;

    /** The limit the shared server runs with: {@code Limits.MAX_MESSAGE_BYTES}. */
    protected static final int ONE_MIB = 1024 * 1024;

    /** A TCP connection to the server, no handshake yet; closed after the test. */
    protected WireClient connect(EchoServer target) throws IOException {
        return closedAfterTest(WireClient.connect(target));
    }

    /** A WebSocket connection to {@code /echo} after a checked, valid handshake; closed after the test. */
    protected WireClient open(EchoServer target) throws IOException {
        return closedAfterTest(WireClient.open(target));
    }

    protected WireClient open() throws IOException {
        return open(server());
    }

    // ---------------------------------------------------------------------------------------------
    // Opening handshake (RFC 6455 §4) and plain HTTP
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §4.2.2: a valid upgrade to /echo gets 101 with the right Sec-WebSocket-Accept")
    public void validUpgradeIsAcceptedWith101AndTheRightAcceptKey() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.upgrade(client.upgradeRequest());
        assertThat(response.header("Sec-WebSocket-Accept"))
                .as("RFC 6455 §1.3 sample: key %s is answered with accept %s",
                        HandshakeRequest.SAMPLE_KEY, HandshakeRequest.SAMPLE_ACCEPT)
                .isEqualTo(HandshakeRequest.SAMPLE_ACCEPT);
        assertEchoes(client, Message.text("open"));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: header names and the Upgrade/Connection tokens are case-insensitive")
    public void upgradeHeadersAreMatchedIgnoringCase() throws IOException {
        WireClient client = connect(server());
        client.upgrade(client.upgradeRequest()
                .withoutHeader("Upgrade").withHeader("upgrade", "WebSocket")
                .withoutHeader("Connection").withHeader("connection", "keep-alive, upgrade")
                .withoutHeader("Sec-WebSocket-Key").withHeader("sec-websocket-key", HandshakeRequest.SAMPLE_KEY));
        assertEchoes(client, Message.text("case"));
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: an upgrade without Sec-WebSocket-Key is refused with 400")
    public void upgradeWithoutKeyIsRefusedWith400() throws IOException {
        assertRefused(server(), base -> base.withoutHeader("Sec-WebSocket-Key"), 400,
                "RFC 6455 §4.2.1: Sec-WebSocket-Key is required");
    }

    @ParameterizedTest(name = "Sec-WebSocket-Key: {0}")
    @ValueSource(strings = {"dGhlIHNhbXBsZQ==", "not base64 at all!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    @DisplayName("RFC 6455 §4.2.1: a Sec-WebSocket-Key that is not base64 of 16 bytes is refused with 400")
    public void upgradeWithBadKeyIsRefusedWith400(String badKey) throws IOException {
        assertRefused(server(), base -> base.withHeader("Sec-WebSocket-Key", badKey), 400,
                "RFC 6455 §4.2.1: the key must be base64 of 16 bytes");
    }

    @ParameterizedTest(name = "{0} /echo")
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    @DisplayName("RFC 6455 §4.2.1: an upgrade whose method is not GET is refused with 400")
    public void upgradeWithAnotherMethodIsRefusedWith400(String method) throws IOException {
        assertRefused(server(), base -> base.withMethod(method), 400, "RFC 6455 §4.2.1: the method must be GET");
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: an HTTP/1.0 upgrade is refused with 400")
    public void upgradeOverHttp10IsRefusedWith400() throws IOException {
        assertRefused(server(), base -> base.withHttpVersion("HTTP/1.0"), 400,
                "RFC 6455 §4.2.1: the request must be HTTP/1.1 or higher");
    }

    @Test
    @DisplayName("RFC 6455 §4.4: Sec-WebSocket-Version 8 is refused with 426 and 'Sec-WebSocket-Version: 13'")
    public void otherVersionIsRefusedWith426NamingVersion13() throws IOException {
        HttpResponse response = assertRefused(server(), base -> base.withHeader("Sec-WebSocket-Version", "8"), 426,
                "RFC 6455 §4.4: an unsupported version gets 426");
        assertThat(response.headerHasToken("Sec-WebSocket-Version", "13"))
                .as("RFC 6455 §4.4: the 426 names the supported version in Sec-WebSocket-Version; got:%n%s", response)
                .isTrue();
    }

    @Test
    @DisplayName("contract §2: a plain GET /echo (no upgrade) gets 426 Upgrade Required")
    public void plainGetOfEchoPathGets426() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.exchange(HandshakeRequest.get("/echo", client.host()));
        assertThat(response.status()).as("contract §2: GET /echo without upgrade headers; got:%n%s", response)
                .isEqualTo(426);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1, §4.4: an upgrade without Sec-WebSocket-Version gets 426 and 'Sec-WebSocket-Version: 13'")
    public void missingVersionIsRefusedWith426NamingVersion13() throws IOException {
        HttpResponse response = assertRefused(server(), base -> base.withoutHeader("Sec-WebSocket-Version"), 426,
                "docs/contract.md: a missing version is answered like a wrong one");
        assertThat(response.headerHasToken("Sec-WebSocket-Version", "13"))
                .as("RFC 6455 §4.4: the 426 names the supported version in Sec-WebSocket-Version; got:%n%s", response)
                .isTrue();
    }

    @Test
    @DisplayName("RFC 9112 §3.2: an upgrade without Host is refused with 400")
    public void upgradeWithoutHostIsRefusedWith400() throws IOException {
        assertRefused(server(), base -> base.withoutHeader("Host"), 400,
                "RFC 9112 §3.2, RFC 6455 §4.2.1 item 2: an HTTP/1.1 request needs a Host");
    }

    @Test
    @DisplayName("RFC 9110 §9.3.2: HEAD / gets the page's 200 head, without a body")
    public void headOfRootGetsThePageHeadWithoutBody() throws IOException {
        WireClient client = connect(server());
        client.sendRaw(HandshakeRequest.get("/", client.host()).withMethod("HEAD")
                .withHeader("Connection", "close").toBytes());
        String answer = new String(client.readToEof(TIMEOUT), StandardCharsets.ISO_8859_1);
        assertThat(answer).as("RFC 9110 §9.3.2: HEAD / is answered like GET /; got:%n%s", answer)
                .startsWith("HTTP/1.1 200");
        assertThat(answer.toLowerCase(Locale.ROOT)).as("the head names the page's type").contains("content-type: text/html");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                .as("RFC 9110 §9.3.2: a response to HEAD has no content; got:%n%s", answer).isEmpty();
    }

    @Test
    @DisplayName("RFC 9110 §15.5.6: POST / gets 405 with 'Allow: GET, HEAD'")
    public void postToRootGets405WithAllow() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.exchange(HandshakeRequest.get("/", client.host()).withMethod("POST")
                .withHeader("Content-Length", "0").withHeader("Connection", "close"));
        assertThat(response.status()).as("RFC 9110 §15.5.6: POST / ; got:%n%s", response).isEqualTo(405);
        assertThat(response.header("Allow")).as("RFC 9110 §15.5.6: a 405 lists the methods the page answers")
                .isNotNull();
        assertThat(response.headerHasToken("Allow", "GET") && response.headerHasToken("Allow", "HEAD"))
                .as("Allow names GET and HEAD; got:%n%s", response).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §10.2: an upgrade from a foreign Origin is refused with 403, no upgrade")
    public void foreignOriginIsRefusedWith403() throws IOException {
        HttpResponse response = assertRefused(server(), base -> base.withHeader("Origin", "http://evil.example"), 403,
                "RFC 6455 §10.2 / contract §2: a browser page from another origin may not connect");
        assertThat(response.header("Sec-WebSocket-Accept")).as("a 403 carries no Sec-WebSocket-Accept").isNull();
    }

    @Test
    @DisplayName("RFC 6455 §10.2: an Origin on another port of the same host is foreign: 403")
    public void originOnAnotherPortIsRefusedWith403() throws IOException {
        int otherPort = server().port() == 65535 ? 65534 : server().port() + 1;
        assertRefused(server(), base -> base.withHeader("Origin", "http://127.0.0.1:" + otherPort), 403,
                "RFC 6454: an origin is scheme, host and port; another port is another origin");
    }

    @Test
    @DisplayName("contract §2: the server's own origin (same host and port as Host) is accepted")
    public void ownOriginIsAccepted() throws IOException {
        WireClient client = connect(server());
        client.upgrade(client.upgradeRequest().withHeader("Origin", "http://" + client.host()));
        assertEchoes(client, Message.text("same origin"));
    }

    @Test
    @DisplayName("contract §2: an upgrade without Origin (not a browser) is accepted")
    public void noOriginIsAccepted() throws IOException {
        WireClient client = connect(server());
        client.upgrade(client.upgradeRequest().withoutHeader("Origin"));
        assertEchoes(client, Message.text("no origin"));
    }

    @Test
    @DisplayName("contract §2: without deflate, an offer of permessage-deflate (as every browser sends) gets 101 with no extension")
    public void extensionOfferIsAnsweredWithNoExtension() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.upgrade(client.upgradeRequest()
                .withHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
        assertThat(response.header("Sec-WebSocket-Extensions"))
                .as("contract §2, §4: settings.deflate() is off, so no extension is accepted (RFC 6455 §9.1); got:%n%s", response)
                .isNull();
        assertEchoes(client, Message.text("no extension"));
    }

    @ParameterizedTest(name = "Sec-WebSocket-Extensions: {0}")
    @ValueSource(strings = {"permessage-deflate; client_max_window_bits=\"1 5\"", "; permessage-deflate",
            "permessage-deflate x-webkit-deflate-frame"})
    @DisplayName("RFC 6455 §9.1: a Sec-WebSocket-Extensions that breaks the grammar is refused with 400")
    public void malformedExtensionHeaderIsRefusedWith400(String header) throws IOException {
        assertRefused(server(), base -> base.withHeader("Sec-WebSocket-Extensions", header), 400,
                "RFC 6455 §9.1: the recipient of a malformed Sec-WebSocket-Extensions MUST fail the connection");
    }

    @Test
    @DisplayName("RFC 6455 §9.1: an extension header with spaces around its separators and an empty element is valid, and upgraded")
    public void extensionHeaderWithSpacesIsAccepted() throws IOException {
        WireClient client = connect(server());
        client.upgrade(client.upgradeRequest()
                .withHeader("Sec-WebSocket-Extensions", "x-unknown ; a=1 , , x-other;b"));
        assertEchoes(client, Message.text("a valid list"));
    }

    @Test
    @DisplayName("contract §2: an origin allowed by settings.originPolicy() is accepted, others still get 403")
    public void originAllowedByPolicyIsAccepted() throws Exception {
        EchoServer allowing = startOwn(defaultSettings()
                .withOriginPolicy(OriginPolicy.allowing(List.of("http://localhost:3000"))));
        WireClient client = connect(allowing);
        client.upgrade(client.upgradeRequest().withHeader("Origin", "http://localhost:3000"));
        assertEchoes(client, Message.text("allowed origin"));
        assertRefused(allowing, base -> base.withHeader("Origin", "http://localhost:3001"), 403,
                "contract §2: an origin not listed is still refused");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/nothing-here", "/echo/more", "/echoes"})
    @DisplayName("contract §2: an upgrade to another path gets 404")
    public void upgradeToAnotherPathGets404(String path) throws IOException {
        assertRefused(server(), base -> base.withTarget(path), 404, "contract §2: only /echo is a WebSocket endpoint");
    }

    @Test
    @DisplayName("contract §2: a plain GET of another path gets 404")
    public void plainGetOfAnotherPathGets404() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.exchange(HandshakeRequest.get("/nothing-here", client.host()));
        assertThat(response.status()).as("contract §2: GET /nothing-here; got:%n%s", response).isEqualTo(404);
    }

    @Test
    @DisplayName("contract §2: GET / serves the browser page as 200 text/html; charset=utf-8")
    public void rootServesTheEchoPage() throws IOException {
        WireClient client = connect(server());
        HttpResponse response = client.exchange(HandshakeRequest.get("/", client.host())
                .withHeader("Connection", "close"));
        assertThat(response.status()).as("contract §2: GET / ; got:%n%s", response).isEqualTo(200);
        String contentType = Optional.ofNullable(response.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        assertThat(contentType).as("contract §2: the page's Content-Type").startsWith("text/html").contains("charset=utf-8");
        assertThat(response.bodyText()).as("contract §2: the body is common's EchoPage")
                .contains(new String(EchoPage.html(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("contract §2: a request head over 8 KiB is refused with 431 or 400 and the socket closed")
    public void oversizedRequestHeadIsRefusedAndClosed() throws IOException {
        WireClient client = connect(server());
        HandshakeRequest huge = client.upgradeRequest().withHeader("X-Filler", "a".repeat(9 * 1024));
        client.sendRaw(huge.toBytes());
        HttpResponse response = client.readResponse(TIMEOUT);
        assertThat(response.status()).as("contract §2 (MAX_HANDSHAKE_BYTES): a 9 KiB header; got:%n%s", response)
                .isIn(431, 400);
        client.readToEof(TIMEOUT);
    }

    @Test
    @DisplayName("contract §2: a request head of 7 KiB (under the 8 KiB limit) is still accepted")
    public void requestHeadUnderTheLimitIsAccepted() throws IOException {
        WireClient client = connect(server());
        HandshakeRequest valid = client.upgradeRequest();
        int filler = 7 * 1024 - valid.toBytes().length - "X-Filler: \r\n".length();
        HandshakeRequest large = valid.withHeader("X-Filler", "a".repeat(filler));
        assertThat(large.toBytes()).hasSize(7 * 1024);
        client.upgrade(large);
        assertEchoes(client, Message.text("large head"));
    }

    @Test
    @DisplayName("contract §2: a handshake not complete within settings.handshakeTimeout() gets its socket closed")
    public void incompleteHandshakeIsClosedAfterHandshakeTimeout() throws Exception {
        Duration handshakeTimeout = Duration.ofSeconds(1);
        EchoServer strict = startOwn(defaultSettings().withHandshakeTimeout(handshakeTimeout));
        WireClient halfSent = connect(strict);
        WireClient silent = connect(strict);
        long start = System.nanoTime();
        // A slow-loris client: the head's last line and the empty line that ends it never come.
        halfSent.sendRaw(("GET /echo HTTP/1.1\r\nHost: " + halfSent.host() + "\r\nUpgrade: websocket\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (WireClient client : List.of(halfSent, silent)) {
            client.readToEof(handshakeTimeout.plus(TIMEOUT));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("a request head still arriving is not an error before the timeout")
                .isGreaterThanOrEqualTo(handshakeTimeout.dividedBy(2));
    }

    // ---------------------------------------------------------------------------------------------
    // Echo (contract §2): same type, same bytes, in order
    // ---------------------------------------------------------------------------------------------

    protected static IntStream echoSizes() {
        // Around every boundary of the length field (RFC 6455 §5.2: 7-bit, 16-bit, 64-bit forms),
        // up to exactly the limit.
        return IntStream.of(0, 1, 125, 126, 127, 65535, 65536, ONE_MIB);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("echoSizes")
    @DisplayName("contract §2: a text message comes back as the same text (length forms of RFC 6455 §5.2)")
    public void textIsEchoed(int size) throws IOException {
        WireClient client = open();
        Message sent = Message.text(asciiText(size));
        CompletableFuture<Void> written = client.sendInBackground(Frame.text(sent.data()).toBytes());
        assertEchoReceived(client, sent);
        written.join();
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("echoSizes")
    @DisplayName("contract §2: a binary message comes back as the same bytes (length forms of RFC 6455 §5.2)")
    public void binaryIsEchoed(int size) throws IOException {
        WireClient client = open();
        Message sent = Message.binary(pattern(size));
        CompletableFuture<Void> written = client.sendInBackground(Frame.binary(sent.data()).toBytes());
        assertEchoReceived(client, sent);
        written.join();
    }

    @Test
    @DisplayName("RFC 6455 §5.6: multi-byte UTF-8 text (2, 3 and 4 bytes per code point) is echoed exactly")
    public void multiByteUtf8IsEchoed() throws IOException {
        assertEchoes(open(), Message.text("héllo wörld — καλημέρα — 你好 — 🎉🚀 — \u0000 end"));
    }

    protected static Stream<Arguments> validUtf8Boundaries() {
        // The first and last code point of every UTF-8 length (RFC 3629 §3), the last ones before and
        // the first after the surrogate range, and the noncharacters: all valid, none to be refused.
        return Stream.of(
                Arguments.of("U+0000", bytes("", 0x00)),
                Arguments.of("U+007F", bytes("", 0x7F)),
                Arguments.of("U+0080", bytes("", 0xC2, 0x80)),
                Arguments.of("U+07FF", bytes("", 0xDF, 0xBF)),
                Arguments.of("U+0800", bytes("", 0xE0, 0xA0, 0x80)),
                Arguments.of("U+D7FF (before the surrogates)", bytes("", 0xED, 0x9F, 0xBF)),
                Arguments.of("U+E000 (after the surrogates)", bytes("", 0xEE, 0x80, 0x80)),
                Arguments.of("U+FFFD", bytes("", 0xEF, 0xBF, 0xBD)),
                Arguments.of("U+FFFE and U+FFFF (noncharacters, still UTF-8)", bytes("", 0xEF, 0xBF, 0xBE, 0xEF, 0xBF, 0xBF)),
                Arguments.of("U+10000", bytes("", 0xF0, 0x90, 0x80, 0x80)),
                Arguments.of("U+10FFFF", bytes("", 0xF4, 0x8F, 0xBF, 0xBF)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUtf8Boundaries")
    @DisplayName("RFC 6455 §8.1, RFC 3629: valid UTF-8 at every boundary is echoed, never refused")
    public void validUtf8BoundaryIsEchoed(String codePoint, byte[] payload) throws IOException {
        assertEchoes(open(), Message.text(payload));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a text message fragmented at every byte (inside code points too) is echoed")
    public void textFragmentedAtEveryByteIsEchoed() throws IOException {
        WireClient client = open();
        byte[] text = "Hello-µ@ßöäüàá-UTF-8!! 你好 🎉".getBytes(StandardCharsets.UTF_8);
        Frame[] frames = new Frame[text.length];
        for (int i = 0; i < text.length; i++) {
            byte[] one = {text[i]};
            Frame fragment = i == 0 ? Frame.text(one) : Frame.continuation(one);
            frames[i] = i == text.length - 1 ? fragment : fragment.notFinal();
        }
        client.sendTogether(frames);
        assertEchoReceived(client, Message.text(text));
    }

    @Test
    @DisplayName("RFC 6455 §5.6: a code point split across two fragments is joined, not refused")
    public void codePointSplitAcrossFragmentsIsEchoed() throws IOException {
        WireClient client = open();
        byte[] euro = "a€b🎉c".getBytes(StandardCharsets.UTF_8); // a E2 82 AC b F0 9F 8E 89 c
        client.send(Frame.text(slice(euro, 0, 3)).notFinal());   // "a" + E2 82
        client.send(Frame.continuation(slice(euro, 3, 7)).notFinal()); // AC "b" F0 9F
        client.send(Frame.continuation(slice(euro, 7, euro.length))); // 8E 89 "c"
        assertEchoReceived(client, Message.text(euro));
    }

    @Test
    @DisplayName("TCP is a stream: a small frame written one byte per write is echoed")
    public void frameWrittenByteByByteIsEchoed() throws IOException {
        WireClient client = open();
        Message sent = Message.text("one byte at a time");
        client.sendInPieces(Frame.text(sent.data()).toBytes(), 1);
        assertEchoReceived(client, sent);
    }

    @Test
    @DisplayName("TCP is a stream: a 100 KiB frame written in many small writes is echoed")
    public void largeFrameWrittenInPiecesIsEchoed() throws IOException {
        WireClient client = open();
        Message sent = Message.binary(pattern(100 * 1024));
        byte[] bytes = Frame.binary(sent.data()).toBytes();
        // 997 is a prime: the pieces' ends fall on every offset of the header and the mask's period.
        CompletableFuture<Void> written = client.sendInBackground(bytes, 997);
        assertEchoReceived(client, sent);
        written.join();
    }

    @Test
    @DisplayName("TCP is a stream: many messages in one write are all echoed, in order")
    public void manyMessagesInOneWriteAreEchoedInOrder() throws IOException {
        WireClient client = open();
        List<Message> sent = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Message message = i % 2 == 0 ? Message.text("message " + i) : Message.binary(pattern(i));
            sent.add(message);
            frames.add(Frame.of(message.opcode(), message.data()));
        }
        client.sendTogether(frames.toArray(Frame[]::new));
        for (Message expected : sent) {
            assertEchoReceived(client, expected);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fragmentation (RFC 6455 §5.4) and control frames (§5.5)
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("RFC 6455 §5.4: a fragmented text message is echoed once, reassembled")
    public void fragmentedTextIsReassembled() throws IOException {
        WireClient client = open();
        client.sendTogether(
                Frame.text("Hel").notFinal(),
                Frame.continuation("lo, ".getBytes(StandardCharsets.UTF_8)).notFinal(),
                Frame.continuation(new byte[0]).notFinal(),
                Frame.continuation("world".getBytes(StandardCharsets.UTF_8)));
        assertEchoReceived(client, Message.text("Hello, world"));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a fragmented binary message (with empty fragments) is echoed once, reassembled")
    public void fragmentedBinaryIsReassembled() throws IOException {
        WireClient client = open();
        byte[] data = pattern(3000);
        client.send(Frame.binary(new byte[0]).notFinal());
        client.send(Frame.continuation(slice(data, 0, 1000)).notFinal());
        client.send(Frame.continuation(slice(data, 1000, 3000)).notFinal());
        client.send(Frame.continuation(new byte[0]));
        assertEchoReceived(client, Message.binary(data));
    }

    @Test
    @DisplayName("RFC 6455 §5.4: pings between fragments are answered at once; the message is echoed after")
    public void pingsBetweenFragmentsAreAnsweredFirst() throws IOException {
        WireClient client = open();
        client.send(Frame.text("frag").notFinal());
        client.send(Frame.ping("p1".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.readFrame()).as("RFC 6455 §5.4/§5.5.2: a ping in the middle of a message is answered "
                + "before the message ends").isEqualTo(Frame.pong("p1".getBytes(StandardCharsets.UTF_8)).unmasked());
        client.send(Frame.continuation("men".getBytes(StandardCharsets.UTF_8)).notFinal());
        client.send(Frame.ping("p2".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.readFrame()).as("RFC 6455 §5.5.3: Pong with the Ping's payload")
                .isEqualTo(Frame.pong("p2".getBytes(StandardCharsets.UTF_8)).unmasked());
        client.send(Frame.continuation("ts".getBytes(StandardCharsets.UTF_8)));
        assertEchoReceived(client, Message.text("fragments"));
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: ten Pings in one write are answered in order, the last one surely")
    public void manyPingsAreAnsweredInOrder() throws IOException {
        WireClient client = open();
        Frame[] pings = new Frame[10];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = Frame.ping(("ping " + i).getBytes(StandardCharsets.UTF_8));
        }
        client.sendTogether(pings);
        // RFC 6455 §5.5.3 lets a server that is behind answer only the most recent Ping, so Pongs may
        // be skipped, but those sent come in order, each with its Ping's payload, and the last is there.
        int last = -1;
        while (last < pings.length - 1) {
            Frame pong = client.readFrame();
            assertThat(pong.opcode()).as("RFC 6455 §5.5.3: only Pongs answer Pings; got %s", pong).isEqualTo(Frame.PONG);
            String payload = new String(pong.payload(), StandardCharsets.UTF_8);
            assertThat(payload).as("RFC 6455 §5.5.3: a Pong carries a Ping's payload, in order after ping %d", last)
                    .matches("ping [0-9]");
            int answered = payload.charAt(5) - '0';
            assertThat(answered).as("Pongs come in the order of their Pings").isGreaterThan(last);
            last = answered;
        }
        assertEchoes(client, Message.text("after the pings"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125})
    @DisplayName("RFC 6455 §5.5.3: a Ping is answered with a Pong carrying the same payload")
    public void pingIsAnsweredWithPongOfSamePayload(int size) throws IOException {
        WireClient client = open();
        byte[] payload = pattern(size);
        client.send(Frame.ping(payload));
        Frame reply = client.readFrame();
        assertThat(reply.opcode()).as("RFC 6455 §5.5.2: a Ping gets a Pong; got %s", reply).isEqualTo(Frame.PONG);
        assertThat(reply.fin()).as("control frames are never fragmented").isTrue();
        assertThat(reply.payload()).as("RFC 6455 §5.5.3: the Pong's payload is the Ping's").isEqualTo(payload);
        assertEchoes(client, Message.text("after ping"));
    }

    @Test
    @DisplayName("RFC 6455 §5.5.3: an unsolicited Pong is ignored; the connection goes on")
    public void unsolicitedPongIsIgnored() throws IOException {
        WireClient client = open();
        client.send(Frame.pong("heartbeat".getBytes(StandardCharsets.UTF_8)));
        client.send(Frame.text("after pong"));
        assertThat(client.readMessage()).as("RFC 6455 §5.5.3: nothing answers a Pong; the next frame is the echo")
                .isEqualTo(Message.text("after pong"));
    }

    // ---------------------------------------------------------------------------------------------
    // Limits (contract §2: 1009 over maxMessageBytes)
    // ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("contract §2: a single frame of maxMessageBytes + 1 gets Close 1009, then TCP close")
    public void frameOverTheLimitIsRefusedWith1009() throws IOException {
        WireClient client = open();
        client.sendInBackground(Frame.binary(pattern(ONE_MIB + 1)).toBytes());
        assertFailsWith(client, 1009, "RFC 6455 §7.4.1 / contract §2: a message over 1 MiB in one frame");
    }

    @Test
    @DisplayName("contract §2: fragments that add up to more than maxMessageBytes get Close 1009, then TCP close")
    public void fragmentsOverTheLimitAreRefusedWith1009() throws IOException {
        WireClient client = open();
        int third = ONE_MIB / 3 + 1; // three of these are 1 MiB + 2 bytes; no single fragment is too big
        client.sendInBackground(Frame.concat(
                Frame.text(asciiText(third).getBytes(StandardCharsets.US_ASCII)).notFinal(),
                Frame.continuation(asciiText(third).getBytes(StandardCharsets.US_ASCII)).notFinal(),
                Frame.continuation(asciiText(third).getBytes(StandardCharsets.US_ASCII))));
        assertFailsWith(client, 1009, "RFC 6455 §7.4.1 / contract §2: a reassembled message over 1 MiB");
    }

    @Test
    @DisplayName("contract §2: the limit is settings.maxMessageBytes(): at the limit echoed, one byte over 1009")
    public void limitComesFromSettings() throws Exception {
        int limit = 1000;
        EchoServer small = startOwn(defaultSettings().withMaxMessageBytes(limit));
        WireClient client = open(small);
        assertEchoes(client, Message.binary(pattern(limit)));
        client.send(Frame.text("x".repeat(limit / 2)).notFinal());
        client.send(Frame.continuation("y".repeat(limit / 2 + 1).getBytes(StandardCharsets.US_ASCII)));
        assertFailsWith(client, 1009, "contract §2: maxMessageBytes = " + limit + ", fragments of "
                + limit / 2 + " + " + (limit / 2 + 1) + " bytes");

        WireClient single = open(small);
        single.send(Frame.binary(pattern(limit + 1)));
        assertFailsWith(single, 1009, "contract §2: maxMessageBytes = " + limit + ", one frame of " + (limit + 1));
    }

    // ---------------------------------------------------------------------------------------------
    // Protocol errors: Close 1002 (RFC 6455 §7.1.7, §7.4.1)
    // ---------------------------------------------------------------------------------------------

    protected static Stream<Arguments> protocolErrors() {
        byte[] hello = "Hello".getBytes(StandardCharsets.UTF_8);
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("RFC 6455 §5.2: RSV1 set with no extension", List.of(Frame.text("Hello").withRsv(Frame.RSV1))));
        cases.add(Arguments.of("RFC 6455 §5.2: RSV2 set with no extension", List.of(Frame.text("Hello").withRsv(Frame.RSV2))));
        cases.add(Arguments.of("RFC 6455 §5.2: RSV3 set with no extension", List.of(Frame.text("Hello").withRsv(Frame.RSV3))));
        cases.add(Arguments.of("RFC 6455 §5.2: RSV bits on a Ping", List.of(Frame.ping(hello).withRsv(Frame.RSV1 | Frame.RSV3))));
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(Arguments.of("RFC 6455 §5.2: reserved opcode 0x" + Integer.toHexString(opcode).toUpperCase(Locale.ROOT),
                    List.of(Frame.of(opcode, hello))));
        }
        cases.add(Arguments.of("RFC 6455 §5.1: an unmasked client frame", List.of(Frame.text("Hello").unmasked())));
        cases.add(Arguments.of("RFC 6455 §5.5: a Ping with a 126-byte payload", List.of(Frame.ping(new byte[126]))));
        cases.add(Arguments.of("RFC 6455 §5.5: a Close with a 126-byte payload",
                List.of(Frame.close(1000, "r".repeat(124)))));
        cases.add(Arguments.of("RFC 6455 §5.5: a fragmented Ping", List.of(Frame.ping(hello).notFinal(), Frame.continuation(hello))));
        cases.add(Arguments.of("RFC 6455 §5.5: a fragmented Close", List.of(Frame.close(1000, "").notFinal(), Frame.continuation(new byte[0]))));
        cases.add(Arguments.of("RFC 6455 §5.4: a continuation with no message started", List.of(Frame.continuation(hello))));
        cases.add(Arguments.of("RFC 6455 §5.4: a text frame inside a fragmented message",
                List.of(Frame.text("Hel").notFinal(), Frame.text("lo"))));
        cases.add(Arguments.of("RFC 6455 §5.4: a binary frame inside a fragmented message",
                List.of(Frame.binary(hello).notFinal(), Frame.binary(hello))));
        cases.add(Arguments.of("RFC 6455 §5.5.1: a Close payload of 1 byte", List.of(Frame.of(Frame.CLOSE, new byte[] {0x03}))));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999}) {
            cases.add(Arguments.of("RFC 6455 §7.4.1: invalid close code " + code, List.of(Frame.close(code, ""))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    @DisplayName("RFC 6455 §7.4.1: a protocol error gets Close 1002, then TCP close")
    public void protocolErrorIsRefusedWith1002(String rule, List<Frame> frames) throws IOException {
        WireClient client = open();
        // An echo first: the refusal is then surely of the bad frame, not of the connection.
        assertEchoes(client, Message.text("before the error"));
        client.sendTogether(frames.toArray(Frame[]::new));
        assertFailsWith(client, 1002, rule);
    }

    @Test
    @DisplayName("RFC 6455 §7.1.7: frames before a protocol error are still echoed; nothing after it is answered")
    public void framesBeforeAProtocolErrorAreEchoedFirst() throws IOException {
        WireClient client = open();
        // One write: a valid message, a frame with a reserved opcode, a Ping. The message was fine
        // and is echoed; the connection fails at the bad frame, so the Ping gets no Pong.
        client.sendTogether(Frame.text("fine"), Frame.of(0x3, new byte[0]), Frame.ping(new byte[] {1}));
        assertEchoReceived(client, Message.text("fine"));
        assertFailsWith(client, 1002, "RFC 6455 §5.2: reserved opcode 0x3 after a valid message");
    }

    // ---------------------------------------------------------------------------------------------
    // UTF-8: Close 1007 (RFC 6455 §8.1), fail-fast
    // ---------------------------------------------------------------------------------------------

    protected static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("a byte that never occurs (0xFF)", bytes("Hello", 0xFF)),
                Arguments.of("an overlong '/' (C0 AF)", bytes("Hello", 0xC0, 0xAF)),
                Arguments.of("a UTF-16 surrogate (ED A0 80)", bytes("Hello", 0xED, 0xA0, 0x80)),
                Arguments.of("a code point above U+10FFFF (F4 90 80 80)", bytes("Hello", 0xF4, 0x90, 0x80, 0x80)),
                Arguments.of("a lone continuation byte (80)", bytes("Hello", 0x80)),
                Arguments.of("a sequence cut off at the message end (E2 82)", bytes("Hello", 0xE2, 0x82)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    @DisplayName("RFC 6455 §8.1: a text message that is not UTF-8 gets Close 1007, then TCP close")
    public void invalidUtf8TextIsRefusedWith1007(String what, byte[] payload) throws IOException {
        WireClient client = open();
        client.send(Frame.text(payload));
        assertFailsWith(client, 1007, "RFC 6455 §8.1: text with " + what);
    }

    @Test
    @DisplayName("RFC 6455 §8.1: invalid UTF-8 in a later fragment of a text message gets Close 1007")
    public void invalidUtf8InFragmentIsRefusedWith1007() throws IOException {
        WireClient client = open();
        client.send(Frame.text("Hello, ").notFinal());
        client.send(Frame.continuation(bytes("wor", 0xED, 0xA0, 0x80, 'l', 'd')));
        assertFailsWith(client, 1007, "RFC 6455 §8.1: a surrogate in the final fragment");
    }

    @Test
    @DisplayName("RFC 6455 §8.1 fail-fast: Close 1007 comes as soon as bad bytes arrive, before the message ends")
    public void invalidUtf8FailsFastBeforeTheMessageEnds() throws IOException {
        WireClient client = open();
        // Only the first fragment (FIN=0) is ever sent: a server that validates only complete
        // messages would wait for the rest and never answer.
        client.send(Frame.text(bytes("ok", 0xFF, 'm', 'o', 'r', 'e')).notFinal());
        assertFailsWith(client, 1007, "RFC 6455 §8.1 (fail fast): invalid UTF-8 in the first fragment of an "
                + "unfinished text message");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: a Close whose reason is not UTF-8 gets Close 1007")
    public void invalidUtf8CloseReasonIsRefusedWith1007() throws IOException {
        WireClient client = open();
        client.send(Frame.close(1000, bytes("bye", 0xFF)));
        assertFailsWith(client, 1007, "RFC 6455 §5.5.1/§8.1: a Close reason with invalid UTF-8");
    }

    // ---------------------------------------------------------------------------------------------
    // Closing handshake (RFC 6455 §5.5.1, §7)
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    @DisplayName("RFC 6455 §5.5.1, §7.4: a Close with any valid code is answered with that code, then TCP close")
    public void closeIsEchoedWithTheSameCode(int code) throws IOException {
        WireClient client = open();
        assertEchoes(client, Message.text("before close"));
        client.send(Frame.close(code, "done"));
        Close reply = client.awaitClose();
        assertThat(reply.code()).as("contract §2: the server's Close carries the client's code; got %s", reply).isEqualTo(code);
        assertServerClosesTcp(client, "after the closing handshake");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: an empty Close is answered with an empty Close, then TCP close")
    public void emptyCloseIsEchoedEmpty() throws IOException {
        WireClient client = open();
        client.send(Frame.close());
        Close reply = client.awaitClose();
        assertThat(reply).as("contract §2: an empty Close gets an empty Close (no 1005 on the wire, RFC 6455 §7.4.1)")
                .isEqualTo(Close.EMPTY);
        assertServerClosesTcp(client, "after the closing handshake");
    }

    @Test
    @DisplayName("RFC 6455 §5.4: a Close in the middle of a fragmented message is answered; the fragment is not echoed")
    public void closeInsideFragmentedMessageIsAnswered() throws IOException {
        WireClient client = open();
        // Control frames may come between fragments (RFC 6455 §5.4), Close among them.
        client.send(Frame.text("never fin").notFinal());
        client.send(Frame.close(1000, "leaving"));
        Close reply = client.awaitClose();
        assertThat(reply.code()).as("RFC 6455 §5.5.1: the Close is answered with the same code; got %s", reply)
                .isEqualTo(1000);
        assertServerClosesTcp(client, "after the closing handshake");
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: no echo is sent for data that arrives after the client's Close")
    public void dataAfterCloseIsNotEchoed() throws IOException {
        WireClient client = open();
        client.sendTogether(Frame.close(1000, ""), Frame.text("too late"));
        Close reply = client.awaitClose();
        assertThat(reply.code()).as("the Close is answered; got %s", reply).isEqualTo(1000);
        assertServerClosesTcp(client, "after the closing handshake");
    }

    // ---------------------------------------------------------------------------------------------
    // Timers (contract §2: pingInterval, idleTimeout) and shutdown
    // ---------------------------------------------------------------------------------------------

    /** Short timers, so that the timer tests take seconds, not minutes. */
    protected ServerSettings shortTimerSettings() {
        return defaultSettings().withPingInterval(Duration.ofMillis(300)).withIdleTimeout(Duration.ofMillis(1500));
    }

    @Test
    @DisplayName("contract §2: a connection silent for settings.pingInterval() gets a Ping")
    public void silentClientIsPinged() throws Exception {
        ServerSettings settings = shortTimerSettings();
        WireClient client = open(startOwn(settings));
        Frame frame = client.readFrame(settings.pingInterval().plus(TIMEOUT));
        assertThat(frame.opcode()).as("contract §2: after %d ms of silence the server pings; got %s",
                settings.pingInterval().toMillis(), frame).isEqualTo(Frame.PING);
        assertThat(frame.payload().length).as("RFC 6455 §5.5: a Ping's payload is at most 125 bytes").isLessThanOrEqualTo(125);
    }

    @Test
    @DisplayName("contract §2: a client that answers every Ping stays open past twice settings.idleTimeout()")
    public void clientAnsweringPingsStaysOpen() throws Exception {
        ServerSettings settings = shortTimerSettings();
        WireClient client = open(startOwn(settings));
        Duration window = settings.idleTimeout().multipliedBy(2).plusMillis(300);
        long end = System.nanoTime() + window.toNanos();
        int pings = 0;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Optional<Frame> frame = client.pollFrame(Duration.ofNanos(left));
            if (frame.isEmpty()) {
                break;
            }
            if (frame.get().opcode() == Frame.PING) {
                pings++;
                client.send(Frame.pong(frame.get().payload()));
            } else {
                fail("contract §2: a client that answers Pings is alive and stays open; after %d pings got %s",
                        pings, frame.get());
            }
        }
        assertThat(pings).as("contract §2: a silent client is pinged every %d ms", settings.pingInterval().toMillis())
                .isGreaterThanOrEqualTo(1);
        client.send(Frame.text("still here"));
        Message echo;
        while (true) {
            Frame frame = client.readFrame();
            if (frame.opcode() == Frame.PING) {
                client.send(Frame.pong(frame.payload()));
                continue;
            }
            assertThat(frame.opcode()).as("after %d ms answering pings the connection still echoes; got %s",
                    window.toMillis(), frame).isEqualTo(Frame.TEXT);
            echo = new Message(frame.opcode(), frame.payload());
            break;
        }
        assertThat(echo).isEqualTo(Message.text("still here"));
    }

    @Test
    @DisplayName("contract §2: any frame counts as life: a client that only sends Pings stays open past the idle timeout")
    public void clientSendingOnlyPingsStaysOpen() throws Exception {
        ServerSettings settings = shortTimerSettings();
        WireClient client = open(startOwn(settings));
        // The server's own Pings are not answered here, so only the client's Pings keep it alive.
        int pongs = sendForTwiceTheIdleTimeout(client, settings, i -> Frame.ping(("alive " + i).getBytes(StandardCharsets.UTF_8)));
        assertThat(pongs).as("RFC 6455 §5.5.3: the client's Pings are answered").isPositive();
        assertEchoesIgnoringPings(client, Message.text("still here"));
    }

    @Test
    @DisplayName("contract §2: any frame counts as life: a message arriving in slow fragments is not cut off as idle")
    public void slowFragmentsKeepTheConnectionOpen() throws Exception {
        ServerSettings settings = shortTimerSettings();
        WireClient client = open(startOwn(settings));
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        sendForTwiceTheIdleTimeout(client, settings, i -> {
            byte[] fragment = pattern(100 + i);
            message.writeBytes(fragment);
            return i == 0 ? Frame.binary(fragment).notFinal() : Frame.continuation(fragment).notFinal();
        });
        client.send(Frame.continuation(new byte[0]));
        Message echo = nextMessageIgnoringPings(client);
        String difference = echo.differenceFrom(Message.binary(message.toByteArray()));
        if (difference != null) {
            fail("contract §2: the slowly fragmented message is echoed whole; %s", difference);
        }
    }

    /**
     * Sends a frame every fifth of the idle timeout until twice the idle timeout has passed, never
     * answering the server's Pings, and fails if the server closes meanwhile. Returns the Pongs seen.
     */
    private int sendForTwiceTheIdleTimeout(WireClient client, ServerSettings settings,
                                           java.util.function.IntFunction<Frame> frameNumber) throws IOException {
        Duration step = settings.idleTimeout().dividedBy(5);
        long end = System.nanoTime() + settings.idleTimeout().multipliedBy(2).toNanos();
        int pongs = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            client.send(frameNumber.apply(i));
            long stepEnd = System.nanoTime() + step.toNanos();
            for (long left; (left = stepEnd - System.nanoTime()) > 0; ) {
                Optional<Frame> frame = client.pollFrame(Duration.ofNanos(left));
                if (frame.isEmpty()) {
                    break;
                }
                assertThat(frame.get().opcode()).as("contract §2: a client that sends frames is alive and is not "
                        + "closed as idle; got %s", frame.get()).isIn(Frame.PING, Frame.PONG);
                pongs += frame.get().opcode() == Frame.PONG ? 1 : 0;
            }
        }
        return pongs;
    }

    private void assertEchoesIgnoringPings(WireClient client, Message message) throws IOException {
        client.send(Frame.of(message.opcode(), message.data()));
        String difference = nextMessageIgnoringPings(client).differenceFrom(message);
        if (difference != null) {
            fail("contract §2: the echo is the same message (%s); %s", message, difference);
        }
    }

    /** The next data frame as a message (unfragmented, as every server here sends), skipping Pings and Pongs. */
    private static Message nextMessageIgnoringPings(WireClient client) throws IOException {
        while (true) {
            Frame frame = client.readFrame();
            if (frame.opcode() != Frame.PING && frame.opcode() != Frame.PONG) {
                return new Message(frame.opcode(), frame.payload());
            }
        }
    }

    @Test
    @DisplayName("contract §2: a client that sends no frame for settings.idleTimeout() gets Close 1001, then TCP close")
    public void deadClientIsClosedWith1001() throws Exception {
        ServerSettings settings = shortTimerSettings();
        WireClient client = open(startOwn(settings));
        long start = System.nanoTime();
        Close close = client.awaitClose(settings.idleTimeout().plus(TIMEOUT)); // pings skipped, never answered
        Duration after = Duration.ofNanos(System.nanoTime() - start);
        assertThat(close.code()).as("contract §2: an idle connection is closed with 1001 Going Away; got %s", close)
                .isEqualTo(1001);
        // Half the timeout as the bound: the server's clock may start a little before ours, and a
        // busy machine delays our reads; closing at the first Ping (300 ms) is still caught.
        assertThat(after).as("contract §2: not long before the idle timeout of %d ms", settings.idleTimeout().toMillis())
                .isGreaterThanOrEqualTo(settings.idleTimeout().dividedBy(2));
        client.acknowledgeClose(close);
        assertServerClosesTcp(client, "after the idle Close");
    }

    @Test
    @DisplayName("contract §2: server close() sends Close 1001 to every open session and closes TCP")
    public void serverCloseSendsGoingAwayToEverySession() throws Exception {
        EchoServer stopping = startOwn(defaultSettings());
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WireClient client = open(stopping);
            assertEchoes(client, Message.text("session " + i)); // the session is surely open on the server
            clients.add(client);
        }
        InetSocketAddress address = stopping.localAddress(); // asked before close(): after it, no promise
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closed = closer.submit(stopping::close);
            for (WireClient client : clients) {
                Close close = client.awaitClose();
                assertThat(close.code()).as("contract §2: on close() every session gets 1001 Going Away; got %s", close)
                        .isEqualTo(1001);
                client.acknowledgeClose(close);
                assertServerClosesTcp(client, "after close()");
            }
            closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // EchoServer.close(): idempotent, and the listening socket is gone once it returns.
            CompletableFuture.runAsync(stopping::close, closer).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> WireClient.connect(address).close())
                    .as("EchoServer.close() frees the listening socket: %s refuses connections", address)
                    .isInstanceOf(ConnectException.class);
        } finally {
            closer.shutdownNow();
            assertThat(closer.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Load
    // ---------------------------------------------------------------------------------------------

    /** How many connections the load test holds open at once. */
    protected static final int LOAD_CONNECTIONS = 200;
    /** How many messages each of them sends. */
    protected static final int LOAD_MESSAGES = 100;

    @Test
    @DisplayName("contract §2: 200 concurrent connections x 100 messages: every echo correct, in order, none lost")
    public void concurrentConnectionsEchoEverythingInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_CONNECTIONS);
        CountDownLatch allOpen = new CountDownLatch(LOAD_CONNECTIONS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < LOAD_CONNECTIONS; c++) {
                int connection = c;
                results.add(pool.submit(() -> {
                    WireClient client;
                    try {
                        client = WireClient.open(server());
                    } finally {
                        allOpen.countDown(); // also when it failed: the others are not held back
                    }
                    try (client) {
                        // Every connection is open before any sends: they really are concurrent.
                        if (!allOpen.await(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS)) {
                            throw new TimeoutException("not all " + LOAD_CONNECTIONS + " connections opened in time");
                        }
                        List<Message> sent = new ArrayList<>();
                        for (int m = 0; m < LOAD_MESSAGES; m++) {
                            String text = "connection " + connection + " message " + m;
                            Message message = m % 5 == 4
                                    ? Message.binary(text.getBytes(StandardCharsets.UTF_8))
                                    : Message.text(text);
                            sent.add(message);
                            client.send(Frame.of(message.opcode(), message.data()));
                        }
                        for (int m = 0; m < LOAD_MESSAGES; m++) {
                            Message received = client.readMessage();
                            String difference = received.differenceFrom(sent.get(m));
                            if (difference != null) {
                                throw new AssertionError("connection " + connection + ", message " + m + ": " + difference
                                        + " (expected " + sent.get(m) + ", got " + received + ")");
                            }
                        }
                        client.send(Frame.close(1000, ""));
                        client.awaitClose();
                        return LOAD_MESSAGES;
                    }
                }));
            }
            int echoed = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            for (Future<Integer> result : results) {
                echoed += result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            assertThat(echoed).isEqualTo(LOAD_CONNECTIONS * LOAD_MESSAGES);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the load test's threads end").isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Assertions
    // ---------------------------------------------------------------------------------------------

    /** Changes the valid upgrade request into the one a test sends. */
    @FunctionalInterface
    protected interface RequestChange {
        HandshakeRequest apply(HandshakeRequest valid);
    }

    /** Sends a changed upgrade request on a fresh connection and checks the status of the refusal. */
    protected HttpResponse assertRefused(EchoServer target, RequestChange change, int status, String rule)
            throws IOException {
        WireClient client = connect(target);
        HandshakeRequest request = change.apply(client.upgradeRequest());
        HttpResponse response = client.exchange(request);
        assertThat(response.status()).as("%s: expected %d for%n%s%ngot:%n%s", rule, status, request, response)
                .isEqualTo(status);
        return response;
    }

    /** Sends a message as one frame and checks the echo. */
    protected void assertEchoes(WireClient client, Message message) throws IOException {
        EchoChecks.assertEchoes(client, message);
    }

    /** Reads the next message and checks it is the same type and bytes as the one sent. */
    protected void assertEchoReceived(WireClient client, Message sent) throws IOException {
        EchoChecks.assertEchoReceived(client, sent);
    }

    /**
     * Checks that the server fails the connection with a code: its Close carries the code, then it
     * closes TCP (RFC 6455 §7.1.7). The client answers the Close as a real client would.
     */
    protected void assertFailsWith(WireClient client, int code, String rule) throws IOException {
        EchoChecks.assertFailsWith(client, code, rule);
    }

    /** RFC 6455 §7.1.1: the server closes the TCP connection once the closing handshake is over. */
    protected void assertServerClosesTcp(WireClient client, String when) throws IOException {
        EchoChecks.assertServerClosesTcp(client, when);
    }

    // ---------------------------------------------------------------------------------------------
    // Payloads
    // ---------------------------------------------------------------------------------------------

    /** ASCII text of exactly {@code size} bytes, not all the same letter (an echo that shifts shows). */
    protected static String asciiText(int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    /** {@code size} bytes that cover every byte value and do not repeat every 4 (the mask's period). */
    protected static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + i / 251);
        }
        return data;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    /** A text prefix followed by raw byte values (for invalid UTF-8). */
    private static byte[] bytes(String prefix, int... values) {
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(start, start.length + values.length);
        for (int i = 0; i < values.length; i++) {
            all[start.length + i] = (byte) values[i];
        }
        return all;
    }
}
