package dev.sanfi.sockets.spring.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.spring.SpringEchoServer;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the contracts leave to each module: a plain request head trickled a byte at a time (the TLS
 * contract trickles a ClientHello; the plain one only stops halfway), and a connection that became a
 * WebSocket in time outliving the deadline, over ws:// and wss://.
 */
class HandshakeDeadlineTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MARGIN = WireClient.DEFAULT_TIMEOUT;

    private static ServerSettings settings() {
        return ServerSettings.defaults(0).withHost("127.0.0.1").withHandshakeTimeout(HANDSHAKE_TIMEOUT);
    }

    @Test
    @DisplayName("a request head trickled a byte every 100 ms, each read in time for Tomcat's read timeout, is cut at the handshake timeout")
    void trickledRequestHeadIsClosedAtTheDeadline() throws Exception {
        try (EchoServer server = SpringEchoServer.start(settings()); WireClient slow = WireClient.connect(server)) {
            byte[] head = slow.upgradeRequest().toBytes();
            Duration step = Duration.ofMillis(100);
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < head.length - 2 && !closed; i++) { // never the last CRLF: the head stays incomplete
                try {
                    slow.sendRaw(new byte[] {head[i]});
                } catch (IOException reset) {
                    break;
                }
                closed = slow.closesWithin(step);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("contract §2: the whole head within settings.handshakeTimeout(), however it trickles")
                    .isLessThan(HANDSHAKE_TIMEOUT.plus(MARGIN))
                    .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.dividedBy(2));
            assertThat(slow.closesWithin(MARGIN)).as("the server closed the trickling connection").isTrue();
        }
    }

    @Test
    @DisplayName("a WebSocket upgraded in time is not cut at the deadline: it still echoes after it")
    void upgradedConnectionOutlivesTheDeadline() throws Exception {
        try (EchoServer server = SpringEchoServer.start(settings()); WireClient client = WireClient.open(server)) {
            assertThat(client.closesWithin(HANDSHAKE_TIMEOUT.multipliedBy(2))).as("open past the deadline").isFalse();
            client.send(Frame.text("after the deadline"));
            assertThat(client.readMessage()).isEqualTo(Message.text("after the deadline"));
        }
    }

    @Test
    @DisplayName("over TLS too: a wss:// connection upgraded in time still echoes after the deadline")
    void upgradedTlsConnectionOutlivesTheDeadline() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        try (EchoServer server = SpringEchoServer.start(settings().withTls(certificate.serverContext()));
             WireClient client = WireClient.openTls(server, certificate.trustingContext(), "127.0.0.1")) {
            assertThat(client.closesWithin(HANDSHAKE_TIMEOUT.multipliedBy(2))).as("open past the deadline").isFalse();
            client.send(Frame.text("after the deadline, over TLS"));
            assertThat(client.readMessage()).isEqualTo(Message.text("after the deadline, over TLS"));
        }
    }
}
