package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.ServerLog;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chat over TLS: the page over {@code https://}, the chat over {@code wss://} through
 * Java-WebSocket's SSL channel with the guard on top, with a certificate made for the test.
 */
class ChatTlsTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();

    private final List<AutoCloseable> opened = new ArrayList<>();

    private ChatServer start(ChatSettings settings) throws Exception {
        ChatServer server = ChatServer.start(settings.withHost("127.0.0.1").withTls(CERTIFICATE.serverContext()));
        opened.add(server);
        return server;
    }

    private WireMember join(ChatServer server, String name, String host) throws Exception {
        WireMember member = WireMember.joinTls(server.wsPort(), name, CERTIFICATE.trustingContext(), host);
        opened.add(0, member); // members close before the server
        JsonNode welcome = member.nextEvent();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        return member;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("two members over wss:// chat: each message reaches both, in one order, then both leave cleanly")
    void twoMembersChatOverTls() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0));
        WireMember alice = join(server, "alice", "127.0.0.1");
        WireMember bob = join(server, "bob", "localhost");
        alice.eventsUntil(event -> event.path("type").asText().equals("joined") && event.path("name").asText().equals("bob"));

        alice.sendMessage("hello over TLS");
        bob.sendMessage("and back");

        List<String> seenByAlice = List.of(alice.nextEvent("message").path("text").asText(),
                alice.nextEvent("message").path("text").asText());
        List<String> seenByBob = List.of(bob.nextEvent("message").path("text").asText(),
                bob.nextEvent("message").path("text").asText());
        assertThat(seenByAlice).containsExactlyInAnyOrder("hello over TLS", "and back");
        assertThat(seenByBob).as("one order for everyone").isEqualTo(seenByAlice);
        bob.send(Frame.close(1000, "bye"));
        assertThat(bob.eventsUntilClose().code()).isEqualTo(1000);
        assertThat(alice.nextEvent("left").path("name").asText())
                .isEqualTo("bob");
    }

    @Test
    @DisplayName("over wss:// a member that stops reading is dropped as too slow, and the others get everything")
    void slowMemberOverTlsIsDropped() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0).withMaxUnsentBytes(64 * 1024).withRate(100_000, 100_000));
        WireMember alice = join(server, "alice", "127.0.0.1");
        WireMember stalled = WireMember.stalledTls(server.wsPort(), "stalled", CERTIFICATE.trustingContext(), "127.0.0.1");
        opened.add(0, stalled);
        alice.eventsUntil(event -> event.path("type").asText().equals("joined") && event.path("name").asText().equals("stalled"));

        String text = "x".repeat(ChatLimits.MAX_TEXT_CHARS - 10);
        int sent = 0;
        boolean dropped = false;
        while (!dropped) {
            assertThat(sent).as("dropped before 64 MB were sent its way").isLessThan(32_000);
            for (int i = 0; i < 10; i++) {
                alice.sendMessage(sent++ + " " + text);
            }
            JsonNode event;
            do {
                event = alice.nextEvent();
                dropped |= event.path("type").asText().equals("left") && event.path("name").asText().equals("stalled");
            } while (!event.path("text").asText().startsWith((sent - 1) + " "));
        }
        alice.sendMessage("after the drop");
        assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("after the drop");
    }

    @Test
    @DisplayName("over wss:// a message over 1 MiB in small fragments gets Close 1009 at the fragment that passes the limit")
    void fragmentsPastTheLimitOverTls() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0));
        WireMember mallory = join(server, "mallory", "127.0.0.1");
        List<Frame> frames = new ArrayList<>();
        frames.add(Frame.text(new byte[16 * 1024]).notFinal());
        for (int i = 0; i < 80; i++) { // 1.3 MiB, never final
            frames.add(Frame.continuation(new byte[16 * 1024]).notFinal());
        }

        mallory.sendInBackground(Frame.concat(frames.toArray(Frame[]::new)));

        assertThat(mallory.eventsUntilClose().code()).isEqualTo(1009);
    }

    @Test
    @DisplayName("the page comes over https:// with the wss:// port in /config.json")
    void pageOverHttps() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0));

        assertThat(get(server, "/")).contains("<html");
        assertThat(get(server, "/config.json")).contains("\"wsPort\":" + server.wsPort());
    }

    private static String get(ChatServer server, String path) throws Exception {
        HttpsURLConnection page = (HttpsURLConnection) URI.create("https://localhost:" + server.pagePort() + path)
                .toURL().openConnection();
        page.setSSLSocketFactory(CERTIFICATE.trustingContext().getSocketFactory());
        try (InputStream body = page.getInputStream()) {
            assertThat(page.getResponseCode()).isEqualTo(200);
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            page.disconnect();
        }
    }

    @Test
    @DisplayName("the console client joins over wss:// when it trusts the certificate, and says which check failed when not")
    void consoleClientOverTls() throws Exception {
        ChatServer server = start(ChatSettings.defaults(0, 0));
        URI uri = URI.create("wss://localhost:" + server.wsPort() + "/chat?name=carol");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int trusted = new ChatClient(print(out), print(err),
                ClientOptions.defaults().withTrust(CERTIFICATE.trustingContext(), true), null).run(uri, List.of("hi from carol"));
        assertThat(trusted).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("hi from carol");

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        int untrusted = new ChatClient(print(new ByteArrayOutputStream()), print(refused)).run(uri, List.of("never sent"));
        assertThat(untrusted).isEqualTo(1);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("not trusted: untrusted issuer")
                .hasLineCount(1);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("plain HTTP, garbage and a stalled handshake on the wss:// port, plain HTTP on the https:// port: closed, with no stack trace")
    void badInputOnTheTlsPortIsClosedQuietly() throws Exception {
        try (ServerLog log = ServerLog.record()) {
            ChatServer server = start(ChatSettings.defaults(0, 0).withHandshakeTimeout(Duration.ofMillis(800)));
            InetSocketAddress chat = new InetSocketAddress("127.0.0.1", server.wsPort());
            try (WireClient plain = WireClient.connect(chat);
                 WireClient garbage = WireClient.connect(chat);
                 WireClient stalled = WireClient.connect(chat);
                 WireClient plainPage = WireClient.connect(new InetSocketAddress("127.0.0.1", server.pagePort()))) {
                plainPage.sendRaw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(plainPage.readToEof(Duration.ofSeconds(10)), StandardCharsets.ISO_8859_1))
                        .as("the https:// page port serves no page to plain HTTP").doesNotContain("<html");
                plain.sendRaw(("GET /chat?name=dave HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                garbage.sendRaw(new byte[4096]);
                stalled.sendRaw(new byte[] {0x16, 0x03, 0x03}); // half a TLS record header

                for (WireClient client : List.of(plain, garbage, stalled)) {
                    assertThat(new String(client.readToEof(Duration.ofSeconds(10)), StandardCharsets.ISO_8859_1))
                            .doesNotContain("HTTP/1.1 101");
                }
            }
            WireMember erin = join(server, "erin", "127.0.0.1");
            erin.sendMessage("still here");
            assertThat(erin.nextEvent("message").path("text").asText())
                    .isEqualTo("still here");
            server.close();
            assertThat(log.stackTraceLines()).as("stack traces in the server's log").isEmpty();
        }
    }
}
