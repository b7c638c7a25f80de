package dev.sanfi.sockets.exercises.ch10b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sanfi.sockets.chat.MemberName;
import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.FirstMessage;
import dev.sanfi.sockets.chat.auth.TokenSecret;
import dev.sanfi.sockets.testkit.Close;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Chapter 10b, exercise 3: a connection closed with 1008 when its token expires, unless a fresh one came first. */
class Ch10bExercise3Test {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** Stands still: a token issued now for n seconds expires exactly n seconds after the timer is set. */
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AccessTokens TOKENS = new AccessTokens(
            TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), CLOCK);
    private static final MemberName ALICE = new MemberName("alice");

    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    {
        timers.setRemoveOnCancelPolicy(true); // so that the queue shows which timers are still set
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Nested
    @DisplayName("TokenExpiry alone")
    class Timers {

        private final List<String> closed = new CopyOnWriteArrayList<>();
        private final TokenExpiry<String> expiry = new TokenExpiry<>(CLOCK, timers, (connection, reason) -> closed.add(connection + ": " + reason));

        @Test
        @DisplayName("at its token's expiry a connection is closed, once, as expired")
        void closedAtTheExpiry() {
            expiry.until("c1", NOW.plusMillis(100));

            await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
            assertThat(closed).containsExactly("c1: token expired");
            assertThat(timers.getQueue()).isEmpty();
        }

        @Test
        @DisplayName("a fresh token moves the one timer to its own expiry")
        void aFreshTokenMovesTheTimer() {
            expiry.until("c1", NOW.plus(Duration.ofMinutes(1)));
            expiry.until("c1", NOW.plus(Duration.ofHours(1)));

            assertThat(timers.getQueue()).hasSize(1);
            assertThat(timers.getQueue().peek()).isInstanceOfSatisfying(java.util.concurrent.ScheduledFuture.class,
                    timer -> assertThat(timer.getDelay(TimeUnit.MINUTES)).isGreaterThanOrEqualTo(59));
        }

        @Test
        @DisplayName("a connection that closed has no timer left, and is never closed by one")
        void closedConnectionsAreForgotten() {
            expiry.until("c1", NOW.plus(Duration.ofMinutes(1)));
            expiry.closed("c1");

            assertThat(timers.getQueue()).isEmpty();
            assertThat(closed).isEmpty();
        }
    }

    @Nested
    @DisplayName("ExpiringEcho over real sockets")
    class OverSockets {

        private final List<WireClient> clients = new ArrayList<>();
        private ExpiringEcho echo;

        private ExpiringEcho start() throws InterruptedException {
            echo = new ExpiringEcho(new InetSocketAddress("127.0.0.1", 0), new Authentication(TOKENS, Duration.ofSeconds(5)), CLOCK, timers)
                    .started();
            return echo;
        }

        /** Connects and sends {@code token} as the first message. */
        private WireClient signIn(String token) throws IOException {
            WireClient client = WireClient.connect(new InetSocketAddress("127.0.0.1", echo.getPort()));
            clients.add(client);
            client.upgrade(client.upgradeRequest());
            client.send(Frame.text(FirstMessage.encode(token)));
            return client;
        }

        @AfterEach
        void stop() throws InterruptedException {
            clients.forEach(WireClient::close);
            if (echo != null) {
                echo.stop(1000);
            }
        }

        @Test
        @DisplayName("echoes once the token is in, then closes with 1008 token expired when it expires")
        void echoesUntilTheTokenExpires() throws Exception {
            start();
            WireClient alice = signIn(TOKENS.issue(ALICE, Duration.ofSeconds(1)));
            alice.send(Frame.text("hello"));

            assertThat(alice.readMessage().text()).isEqualTo("hello");
            assertThat(alice.awaitClose()).isEqualTo(new Close(1008, "token expired"));
        }

        @Test
        @DisplayName("a fresh token sent while connected keeps the connection past the first token's expiry")
        void aFreshTokenKeepsItOpen() throws Exception {
            start();
            WireClient renewed = signIn(TOKENS.issue(ALICE, Duration.ofSeconds(1)));
            renewed.send(Frame.text(FirstMessage.encode(TOKENS.issue(ALICE, Duration.ofHours(1)))));
            renewed.send(Frame.text("first"));
            assertThat(renewed.readMessage().text()).isEqualTo("first"); // the renewal has been taken

            // Signed in after the renewed one, with as short a token: its Close comes after the first
            // token's expiry would have closed the renewed connection.
            WireClient witness = signIn(TOKENS.issue(new MemberName("bob"), Duration.ofSeconds(1)));
            assertThat(witness.awaitClose()).isEqualTo(new Close(1008, "token expired"));

            renewed.send(Frame.text("still here"));
            assertThat(renewed.readMessage().text()).isEqualTo("still here");
        }

        @Test
        @DisplayName("a fresh token for another member is refused with 1008, and closes the connection")
        void aTokenForSomeoneElse() throws Exception {
            start();
            WireClient alice = signIn(TOKENS.issue(ALICE, Duration.ofMinutes(5)));
            alice.send(Frame.text(FirstMessage.encode(TOKENS.issue(new MemberName("mallory"), Duration.ofMinutes(5)))));

            assertThat(alice.awaitClose()).isEqualTo(new Close(1008, "the token is for mallory, not for alice"));
        }

        @Test
        @DisplayName("a forged fresh token is refused with 1008 invalid token")
        void aForgedRenewal() throws Exception {
            start();
            WireClient alice = signIn(TOKENS.issue(ALICE, Duration.ofMinutes(5)));
            alice.send(Frame.text(FirstMessage.encode("forged.token")));

            assertThat(alice.awaitClose()).isEqualTo(new Close(1008, "invalid token"));
        }
    }
}
