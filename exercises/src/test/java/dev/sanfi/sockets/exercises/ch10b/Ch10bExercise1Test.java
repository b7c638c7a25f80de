package dev.sanfi.sockets.exercises.ch10b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.chat.ChatCodec;
import dev.sanfi.sockets.chat.ChatServer;
import dev.sanfi.sockets.chat.ChatSettings;
import dev.sanfi.sockets.chat.MemberName;
import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.FirstMessage;
import dev.sanfi.sockets.chat.auth.TokenSecret;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chapter 10b, exercise 1: thirteen ways to present a token to the real chat, each on a fresh server. */
class Ch10bExercise1Test {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final TokenSecret SECRET = TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    /** The server's clock stands still, so that "expired" is decided by the token, not by waiting. */
    private static final AccessTokens TOKENS = new AccessTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    /** Shorter than the chat's 5 s so that the test is quick, and ample for a token sent at once. */
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String ALICE = TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(5));

    private ChatServer server;
    private WireClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TokenPrediction.class)
    @DisplayName("server --secret-file: each presentation of alice's token ends as predicted")
    void thePredictionHolds(TokenPrediction presentation) throws Exception {
        server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), null, new Authentication(TOKENS, DEADLINE));
        client = WireClient.connect(new InetSocketAddress("127.0.0.1", server.wsPort()));
        HttpResponse response = client.exchange(request(presentation, client.upgradeRequest()));
        if (response.status() != 101) {
            assertThat("HTTP " + response.status()).isEqualTo(presentation.outcome());
            return;
        }
        if (presentation == TokenPrediction.AS_A_SUBPROTOCOL) {
            assertThat(response.header("Sec-WebSocket-Protocol")).as("the subprotocol chosen").isNull();
        }
        firstMessages(presentation);
        Frame first = client.readFrame();
        String outcome = first.opcode() == Frame.CLOSE ? "Close " + Close.parse(first.payload()).code() + " " + Close.parse(first.payload()).reason()
                : ChatCodec.parse(first.text()).path("type").asText();
        assertThat(outcome).isEqualTo(presentation.outcome());
        if (presentation == TokenPrediction.TOO_LATE) {
            client.send(Frame.text(FirstMessage.encode(ALICE)));
            assertThat(client.framesUntilEof(WireClient.DEFAULT_TIMEOUT)).as("after the late token")
                    .noneMatch(frame -> frame.opcode() == Frame.TEXT);
        }
    }

    private static HandshakeRequest request(TokenPrediction presentation, HandshakeRequest upgrade) {
        return switch (presentation) {
            case IN_THE_QUERY -> upgrade.withTarget("/chat?access_token=" + ALICE);
            case IN_AN_AUTHORIZATION_HEADER -> upgrade.withTarget("/chat").withHeader("Authorization", "Bearer " + ALICE);
            case IN_A_COOKIE -> upgrade.withTarget("/chat").withHeader("Cookie", "token=" + ALICE);
            case AS_A_SUBPROTOCOL -> upgrade.withTarget("/chat").withHeader("Sec-WebSocket-Protocol", ALICE);
            case FROM_ANOTHER_SITE -> upgrade.withTarget("/chat").withHeader("Origin", "https://evil.example");
            default -> upgrade.withTarget("/chat");
        };
    }

    /** What the client sends once the upgrade succeeded; nothing, for a token that went with the upgrade. */
    private void firstMessages(TokenPrediction presentation) throws IOException {
        switch (presentation) {
            case AS_THE_FIRST_MESSAGE, FROM_ANOTHER_SITE -> sendToken(ALICE);
            case LAST_CHARACTER_NUDGED -> sendToken(ALICE.substring(0, ALICE.length() - 1) + next(ALICE.charAt(ALICE.length() - 1)));
            case FIRST_CHARACTER_CHANGED -> {
                int dot = ALICE.indexOf('.');
                sendToken(ALICE.substring(0, dot + 1) + next(ALICE.charAt(dot + 1)) + ALICE.substring(dot + 2));
            }
            case NAME_REWRITTEN -> {
                String claims = new String(Base64.getUrlDecoder().decode(ALICE.substring(0, ALICE.indexOf('.'))), StandardCharsets.US_ASCII);
                String mallory = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(claims.replace("alice", "mallory").getBytes(StandardCharsets.US_ASCII));
                sendToken(mallory + ALICE.substring(ALICE.indexOf('.')));
            }
            case SIGNED_WITH_ANOTHER_SECRET -> sendToken(new AccessTokens(
                    TokenSecret.of("another secret of at least 32 bytes".getBytes(StandardCharsets.US_ASCII)),
                    Clock.fixed(NOW, ZoneOffset.UTC)).issue(new MemberName("alice"), Duration.ofMinutes(5)));
            case EXPIRED -> sendToken(new AccessTokens(SECRET, Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC))
                    .issue(new MemberName("alice"), Duration.ofHours(1)));
            case AFTER_A_CHAT_MESSAGE -> {
                client.send(Frame.text(ChatCodec.encodeMessage("hello?")));
                sendToken(ALICE);
            }
            case IN_THE_QUERY, IN_AN_AUTHORIZATION_HEADER, IN_A_COOKIE, AS_A_SUBPROTOCOL, TOO_LATE -> {
                // nothing yet: TOO_LATE sends its token once the deadline's Close has come
            }
        }
    }

    private void sendToken(String token) throws IOException {
        client.send(Frame.text(FirstMessage.encode(token)));
    }

    /** The next character of the base64url alphabet (RFC 4648 §5), wrapping round. */
    private static char next(char c) {
        return ALPHABET.charAt((ALPHABET.indexOf(c) + 1) % ALPHABET.length());
    }
}
