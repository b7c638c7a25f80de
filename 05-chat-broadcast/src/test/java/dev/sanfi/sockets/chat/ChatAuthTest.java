package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.FirstMessage;
import dev.sanfi.sockets.chat.auth.TokenSecret;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat with {@code server --secret-file} over real sockets: a member is let in by a valid token
 * as its first message, and refused with Close 1008 (RFC 6455 §7.4.1) for a bad, expired or late
 * one; until then it is in no room and gets no event.
 */
class ChatAuthTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final TokenSecret SECRET = TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    /** The server's clock stands still: a token's expiry is decided by the test, not by waiting. */
    private static final AccessTokens TOKENS = new AccessTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private final List<AutoCloseable> opened = new ArrayList<>();

    private ChatServer start(Duration deadline) throws Exception {
        ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), null,
                new Authentication(TOKENS, deadline));
        opened.add(server);
        return server;
    }

    private ChatServer start() throws Exception {
        return start(Authentication.DEADLINE);
    }

    private WireMember connect(ChatServer server, String target) throws Exception {
        WireMember member = WireMember.upgrade(server.wsPort(), target, Map.of());
        opened.add(0, member); // members close before the server
        assertThat(member.statusLine()).startsWith("HTTP/1.1 101");
        return member;
    }

    /** Connects to {@code /chat} and authenticates as {@code name}; returns the member once welcomed. */
    private WireMember signIn(ChatServer server, String name) throws Exception {
        WireMember member = connect(server, "/chat");
        member.sendText(FirstMessage.encode(TOKENS.issue(new MemberName(name), Duration.ofMinutes(5))));
        JsonNode welcome = member.nextEvent();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("you").asText()).isEqualTo(name);
        return member;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void aValidTokenAsTheFirstMessageJoinsUnderItsName() throws Exception {
        ChatServer server = start();
        WireMember alice = signIn(server, "alice");
        WireMember bob = signIn(server, "bob");

        assertThat(alice.nextEvent("joined").path("name").asText()).isEqualTo("alice");
        assertThat(alice.nextEvent("joined").path("name").asText()).isEqualTo("bob");
        bob.sendMessage("hi");
        assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("hi");
    }

    @Test
    void untilItAuthenticatesAConnectionIsInNoRoomAndGetsNoEvent() throws Exception {
        ChatServer server = start();
        WireMember waiting = connect(server, "/chat");
        WireMember alice = signIn(server, "alice");
        alice.sendMessage("said while someone waited at the door");
        alice.nextEvent("message");

        waiting.sendText(FirstMessage.encode(TOKENS.issue(new MemberName("bob"), Duration.ofMinutes(5))));

        // Its first frame is its welcome: nothing reached it live, the message is in the history.
        JsonNode welcome = waiting.nextEvent();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("members").toString()).isEqualTo("[\"alice\",\"bob\"]");
        assertThat(welcome.path("history").get(0).path("text").asText()).isEqualTo("said while someone waited at the door");
    }

    @Test
    void aBadTokenIsClosedWith1008() throws Exception {
        WireMember member = connect(start(), "/chat");
        member.sendText(FirstMessage.encode("not.a-token"));

        assertThat(member.nextClose()).isEqualTo(new Close(1008, "invalid token"));
    }

    @Test
    void anExpiredTokenIsClosedWith1008() throws Exception {
        AccessTokens yesterday = new AccessTokens(SECRET, Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC));
        WireMember member = connect(start(), "/chat");
        member.sendText(FirstMessage.encode(yesterday.issue(new MemberName("alice"), Duration.ofHours(1))));

        assertThat(member.nextClose()).isEqualTo(new Close(1008, "token expired"));
    }

    @Test
    void aChatMessageInsteadOfTheTokenIsClosedWith1008() throws Exception {
        WireMember member = connect(start(), "/chat?name=alice");
        member.sendMessage("hello?");

        assertThat(member.nextClose()).isEqualTo(new Close(1008, "authentication required: send {\"type\":\"auth\",\"token\":TOKEN} first"));
    }

    @Test
    void aBinaryFirstMessageIsClosedWith1008() throws Exception {
        WireMember member = connect(start(), "/chat");
        member.send(Frame.binary(new byte[] {1, 2, 3}));

        assertThat(member.nextClose().code()).isEqualTo(1008);
    }

    @Test
    void aTokenForAnotherNameThanTheUrlsIsClosedWith1008() throws Exception {
        WireMember member = connect(start(), "/chat?name=bob");
        member.sendText(FirstMessage.encode(TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(5))));

        assertThat(member.nextClose()).isEqualTo(new Close(1008, "the token is for alice, not for the name in the URL"));
    }

    @Test
    void noFirstMessageWithinTheDeadlineIsClosedWith1008() throws Exception {
        WireMember member = connect(start(Duration.ofMillis(200)), "/chat");

        assertThat(member.nextClose()).isEqualTo(new Close(1008, "authentication timeout"));
    }

    @Test
    void aMemberComesBackWithItsResumeTokenAndItsAccessTokenAgain() throws Exception {
        ChatServer server = start();
        WireMember alice = connect(server, "/chat");
        alice.sendText(FirstMessage.encode(TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(5))));
        JsonNode welcome = alice.nextEvent();
        long joinedSeq = alice.nextEvent("joined").path("seq").asLong();

        // A second connection takes alice's seat: the resume token of her welcome in the URL (the
        // name comes from the access token), and the access token again as its first message.
        WireMember again = connect(server, "/chat?token=" + welcome.path("token").asText() + "&since=" + joinedSeq);
        again.sendText(FirstMessage.encode(TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(5))));

        JsonNode back = again.nextEvent();
        assertThat(back.path("type").asText()).isEqualTo("welcome");
        assertThat(back.path("you").asText()).isEqualTo("alice");
        assertThat(back.path("members").toString()).isEqualTo("[\"alice\"]");
        assertThat(alice.eventsUntilClose().code()).isEqualTo(ChatLimits.CLOSE_REPLACED);
    }

    @Test
    void thePageIsToldThatTheChatAsksForAToken() throws Exception {
        ChatServer server = start();
        try (InputStream in = new URL("http://127.0.0.1:" + server.pagePort() + "/config.json").openStream()) {
            assertThat(ChatCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).path("token").asBoolean()).isTrue();
        }
    }
}
