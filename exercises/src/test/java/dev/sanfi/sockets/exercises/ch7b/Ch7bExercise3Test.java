package dev.sanfi.sockets.exercises.ch7b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chapter 7b, exercise 3: a HandshakeInterceptor that admits a valid ?name= only, and where it sits. */
class Ch7bExercise3Test {

    private static BootOnFreePort spring;

    @BeforeAll
    static void startSpring() {
        spring = BootOnFreePort.start(NamedEchoApplication.class);
    }

    @AfterAll
    static void stopSpring() {
        spring.close();
    }

    private static HttpResponse upgrade(WireClient client, String query, String origin) throws Exception {
        HandshakeRequest request = client.upgradeRequest().withTarget(NamedEchoApplication.NAMED_PATH + query);
        return client.exchange(origin == null ? request : request.withHeader("Origin", origin));
    }

    @Test
    @DisplayName("a valid name is upgraded, and the handler finds it in the session's attributes")
    void aValidName() throws Exception {
        try (WireClient client = WireClient.connect(spring.address())) {
            assertThat(upgrade(client, "?name=alice", null).status()).isEqualTo(101);
            client.send(Frame.text("hello"));
            assertThat(client.readMessage().text()).isEqualTo("alice: hello");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "?name=", "?name=Alice", "?name=al%20ice", "?name=abcdefghijklmnopq", "?other=alice"})
    @DisplayName("no name, or not a valid one: a complete 400 with the interceptor's line, and no upgrade")
    void refused(String query) throws Exception {
        try (WireClient client = WireClient.connect(spring.address())) {
            HttpResponse response = upgrade(client, query, null);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).isEqualTo("a name is 1 to 16 of a-z 0-9 _ -\n");
            assertThat(response.header("Sec-WebSocket-Accept")).isNull();
            // A complete answer, by Tomcat: the body's length, and the connection closed after it.
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.readToEof(Duration.ofSeconds(10))).isEmpty();
        }
    }

    @Test
    @DisplayName("the interceptor runs before Spring's origin check: a foreign page gets 400 for a bad name, 403 for a good one")
    void beforeTheOriginCheck() throws Exception {
        try (WireClient client = WireClient.connect(spring.address())) {
            assertThat(upgrade(client, "", "http://evil.example").status()).isEqualTo(400);
        }
        try (WireClient client = WireClient.connect(spring.address())) {
            assertThat(upgrade(client, "?name=alice", "http://evil.example").status()).isEqualTo(403);
        }
    }
}
