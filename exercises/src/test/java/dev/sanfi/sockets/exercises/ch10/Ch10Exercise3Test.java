package dev.sanfi.sockets.exercises.ch10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 10, exercise 3: at most two connections from one client address. */
class Ch10Exercise3Test {

    @Test
    @DisplayName("the counts: two admitted, the third not; one closed, one more admitted; other addresses apart")
    void theCounts() throws Exception {
        ConnectionsPerAddress connections = new ConnectionsPerAddress(2);
        InetAddress one = InetAddress.getByName("192.0.2.1");
        InetAddress other = InetAddress.getByName("192.0.2.2");
        assertThat(connections.tryOpen(one)).isTrue();
        assertThat(connections.tryOpen(one)).isTrue();
        assertThat(connections.tryOpen(one)).isFalse();
        assertThat(connections.tryOpen(other)).isTrue();
        connections.closed(one);
        assertThat(connections.tryOpen(one)).isTrue();
        assertThat(connections.openFrom(one)).isEqualTo(2);
    }

    @Test
    @DisplayName("on the wire: two upgraded, the third answered 503 and closed; after one leaves, a new one is upgraded")
    void onTheWire() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (LimitedEchoServer server = LimitedEchoServer.start("127.0.0.1", 2);
                WireClient second = WireClient.connect(server.localAddress())) {
            try (WireClient first = WireClient.connect(server.localAddress())) {
                first.upgrade(first.upgradeRequest());
                second.upgrade(second.upgradeRequest());
                try (WireClient third = WireClient.connect(server.localAddress())) {
                    HttpResponse refused = third.exchange(third.upgradeRequest());
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.bodyText()).isEqualTo("too many connections from 127.0.0.1\n");
                    assertThat(third.closesWithin(Duration.ofSeconds(5))).as("then closed").isTrue();
                }
                second.send(Frame.text("still here"));
                assertThat(second.readMessage().text()).isEqualTo("still here");
            } // the first one leaves

            await().atMost(Duration.ofSeconds(10)).until(() -> server.openFrom(loopback) == 1);
            try (WireClient fourth = WireClient.connect(server.localAddress())) {
                fourth.upgrade(fourth.upgradeRequest());
            }
        }
    }
}
