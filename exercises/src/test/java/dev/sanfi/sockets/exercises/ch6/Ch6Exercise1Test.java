package dev.sanfi.sockets.exercises.ch6;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 6, exercise 1: an endpoint that overrides onWebSocketPing answers the Ping and demands itself. */
class Ch6Exercise1Test {

    private final AtomicInteger pings = new AtomicInteger();

    @Test
    @DisplayName("each Ping is counted and answered with a Pong of the same payload, and the next message is still echoed")
    void countsAnswersAndReadsOn() throws Exception {
        try (JettyWithOneEndpoint server = JettyWithOneEndpoint.start(() -> new PingCountingEcho(pings));
                WireClient client = WireClient.connect(server.address())) {
            client.upgrade(client.upgradeRequest());
            for (String payload : new String[] {"p1", "p2"}) {
                client.send(Frame.ping(payload.getBytes(StandardCharsets.UTF_8)));
                assertThat(client.readFrame()).isEqualTo(Frame.pong(payload.getBytes(StandardCharsets.UTF_8)).unmasked());
            }
            client.send(Frame.text("after the pings"));
            assertThat(client.readMessage().text()).isEqualTo("after the pings");
            assertThat(pings).hasValue(2);
        }
    }

    @Test
    @DisplayName("the prediction: an override that only counts sends no Pong (against §5.5.2) and never reads the next frame")
    void onlyCountingStallsTheConnection() throws Exception {
        try (JettyWithOneEndpoint server = JettyWithOneEndpoint.start(() -> new OnlyCountingPings(pings));
                WireClient client = WireClient.connect(server.address())) {
            client.upgrade(client.upgradeRequest());
            client.send(Frame.ping("p1".getBytes(StandardCharsets.UTF_8)));
            client.send(Frame.text("after the ping"));
            assertThat(client.pollFrame(Duration.ofSeconds(1))).as("neither a Pong nor the echo").isEmpty();
            assertThat(pings).hasValue(1);
        }
    }
}
