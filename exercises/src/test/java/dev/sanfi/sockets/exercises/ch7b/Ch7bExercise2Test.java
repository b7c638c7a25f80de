package dev.sanfi.sockets.exercises.ch7b;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chapter 7b, exercise 2: subprotocols through Spring's SubProtocolCapable, with the JDK's client and on the wire. */
class Ch7bExercise2Test {

    private static BootOnFreePort spring;
    private static HttpClient http;

    @BeforeAll
    static void startSpring() {
        spring = BootOnFreePort.start(DialectEchoApplication.class);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopSpring() {
        spring.close(); // (Java 17's HttpClient has no close(); its thread ends with the client)
    }

    /** The JDK's client offers the protocols, sends one text and returns the subprotocol and the answer. */
    private static String[] exchange(String text, String... offer) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder parts = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                parts.append(data);
                if (last) {
                    answer.complete(parts.toString());
                }
                webSocket.request(1);
                return null;
            }
        };
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (offer.length > 0) {
            builder.subprotocols(offer[0], java.util.Arrays.copyOfRange(offer, 1, offer.length));
        }
        WebSocket socket = builder.buildAsync(spring.echoUri(), listener).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
            return new String[] {socket.getSubprotocol(), answer.get(10, TimeUnit.SECONDS)};
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a client that asks for shout.v1 gets it, and its messages back in capitals")
    void shout() throws Exception {
        assertThat(exchange("hello", DialectEcho.SHOUT)).containsExactly("shout.v1", "HELLO");
    }

    @Test
    @DisplayName("echo.v1 first in the offer: the client's order wins, and the text comes back as it was")
    void clientsOrder() throws Exception {
        assertThat(exchange("hello", DialectEcho.ECHO, DialectEcho.SHOUT)).containsExactly("echo.v1", "hello");
    }

    @Test
    @DisplayName("SHOUT.V1 is agreed as the client spelled it, and the handler still shouts")
    void capitals() throws Exception {
        assertThat(exchange("hello", "SHOUT.V1")).containsExactly("SHOUT.V1", "HELLO");
    }

    @Test
    @DisplayName("an offer of none the server speaks: upgraded all the same, with no subprotocol (RFC 6455 §4.2.2)")
    void noneInCommon() throws Exception {
        assertThat(exchange("hello", "chat")).containsExactly("", "hello");
        assertThat(exchange("hello")).as("no offer at all").containsExactly("", "hello");
    }

    @ParameterizedTest(name = "offer {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            shout.v1, echo.v1       | shout.v1
            echo.v1, shout.v1       | echo.v1
            SHOUT.V1                | SHOUT.V1
            chat, echo.v1           | echo.v1
            chat                    | none
            """)
    @DisplayName("the 101 names the first of the client's offer the handler speaks, ignoring case, as the client spelled it")
    void theHeaderOnTheWire(String offer, String chosen) throws Exception {
        try (WireClient client = WireClient.connect(spring.address())) {
            HttpResponse response = client.upgrade(client.upgradeRequest().withHeader("Sec-WebSocket-Protocol", offer));
            assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo(chosen);
        }
    }

    @Test
    @DisplayName("two header lines are one list to RFC 6455 §11.3.4, but Spring reads a line with a comma as one name")
    void twoLines() throws Exception {
        try (WireClient client = WireClient.connect(spring.address())) {
            HttpResponse response = client.upgrade(client.upgradeRequest()
                    .withHeader("Sec-WebSocket-Protocol", "chat, shout.v1")
                    .withAddedHeader("Sec-WebSocket-Protocol", "echo.v1"));
            assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("echo.v1");
        }
    }
}
