package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.common.tls.TlsFailure;
import dev.sanfi.sockets.common.tls.Trust;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spring's client against the Spring server: echoes, the closing handshake, what it refuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringEchoClientTest {

    private EchoServer server;
    private URI uri;

    @BeforeAll
    void startServer() throws Exception {
        server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    @DisplayName("text and binary come back; Close 1000 is answered with 1000")
    void echoesAndCloses() throws Exception {
        Events events = new Events();
        try (SpringEchoClient client = SpringEchoClient.connect(uri, ClientOptions.defaults(), events)) {
            client.sendText("héllo 🎉");
            assertThat(events.next()).isEqualTo("text héllo 🎉");
            client.sendBinary(new byte[] {0, 1, (byte) 0xFF});
            assertThat(events.next()).isEqualTo("binary 3");
            client.sendClose(1000, "done");
            assertThat(events.next()).isEqualTo("close 1000 done");
        }
    }

    @Test
    @DisplayName("the server's close() reaches the client as 1001")
    void serverGoingAwayIsHeardAs1001() throws Exception {
        Events events = new Events();
        EchoServer own = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        try (SpringEchoClient client = SpringEchoClient.connect(
                URI.create("ws://127.0.0.1:" + own.port() + "/echo"), ClientOptions.defaults(), events)) {
            client.sendText("before");
            assertThat(events.next()).isEqualTo("text before");
            own.close();
            assertThat(events.next()).startsWith("close 1001");
        } finally {
            own.close();
        }
    }

    @Test
    @DisplayName("wss:// with the server's certificate trusted: text comes back, the host name 127.0.0.1 checked")
    void echoesOverTls() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        Events events = new Events();
        try (EchoServer tls = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withTls(certificate.serverContext()));
             SpringEchoClient client = SpringEchoClient.connect(URI.create("wss://127.0.0.1:" + tls.port() + "/echo"),
                     ClientOptions.defaults().withTrust(certificate.trustingContext(), true), events)) {
            client.sendText("over TLS");
            assertThat(events.next()).isEqualTo("text over TLS");
        }
    }

    @Test
    @DisplayName("a trusted certificate for another host is refused: one line names the host-name check")
    void certificateForAnotherHostIsRefused() throws Exception {
        SelfSignedCertificate elsewhere = forAnotherHost();
        try (EchoServer tls = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withTls(elsewhere.serverContext()))) {
            URI wss = URI.create("wss://127.0.0.1:" + tls.port() + "/echo");
            assertThatThrownBy(() -> SpringEchoClient.connect(wss, ClientOptions.defaults().withTrust(elsewhere.trustingContext(), true),
                    new Events()).close())
                    .satisfies(e -> assertThat(TlsFailure.describe(e)).hasValueSatisfying(line ->
                            assertThat(line).contains("wrong host name")));
        }
    }

    @Test
    @DisplayName("--insecure (a trust that checks nothing) connects to a certificate for another host: Tomcat asks, the trust does not check")
    void insecureSkipsTheHostName() throws Exception {
        Events events = new Events();
        try (EchoServer tls = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1")
                .withTls(forAnotherHost().serverContext()));
             SpringEchoClient client = SpringEchoClient.connect(URI.create("wss://127.0.0.1:" + tls.port() + "/echo"),
                     ClientOptions.defaults().withTrust(Trust.anyCertificate(), false), events)) {
            client.sendText("unchecked");
            assertThat(events.next()).isEqualTo("text unchecked");
        }
    }

    @Test
    @DisplayName("no host-name check with the JDK's trust store: refused with one line that says why")
    void refusesToSkipTheHostNameCheckOfTheJdkTrustStore() {
        assertThatThrownBy(() -> SpringEchoClient.connect(uri, ClientOptions.defaults().withTrust(null, false), new Events()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host name")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static SelfSignedCertificate forAnotherHost() {
        return SelfSignedCertificate.create(List.of("other.example"), Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(1));
    }

    /** What the client heard, one line per event. */
    private static final class Events implements ClientEvents {
        private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            String event = heard.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        @Override
        public void onText(String text) {
            heard.add("text " + text);
        }

        @Override
        public void onBinary(byte[] data) {
            heard.add("binary " + data.length);
        }

        @Override
        public void onClose(int code, String reason) {
            heard.add("close " + code + " " + reason);
        }

        @Override
        public void onError(Throwable error) {
            heard.add("error " + error);
        }
    }
}
