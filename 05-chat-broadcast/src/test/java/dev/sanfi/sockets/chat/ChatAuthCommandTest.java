package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.TokenSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of a chat that asks for tokens: {@code token}, {@code server --secret-file}, {@code client --token-file}. */
class ChatAuthCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private Path secretFile;

    @BeforeEach
    void writeASecret() throws Exception {
        secretFile = Files.writeString(temp.resolve("chat.secret"), "0123456789abcdef0123456789abcdef\n");
    }

    private int run(String input, String... args) {
        return ChatCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private AccessTokens tokens() throws Exception {
        return new AccessTokens(TokenSecret.read(secretFile), Clock.systemUTC());
    }

    @Test
    void theTokenCommandPrintsATokenForTheNameSignedWithTheSecret() throws Exception {
        Instant before = Instant.now();
        assertThat(run("", "token", "--secret-file", secretFile.toString(), "--name", "alice", "--minutes", "5")).isZero();

        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(tokens().check(token)).isInstanceOfSatisfying(AccessTokens.Check.Valid.class, valid -> {
            assertThat(valid.name().value()).isEqualTo("alice");
            assertThat(valid.expires()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(300));
        });
    }

    @Test
    void aMissingOrWeakSecretAndBadValuesAreOneLineAndExit2() throws Exception {
        Path missing = temp.resolve("missing.secret");
        assertThat(run("", "token", "--secret-file", missing.toString(), "--name", "alice")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--secret-file " + missing + ": no such file");
        err.reset();
        Path weak = Files.writeString(temp.resolve("weak.secret"), "hunter2\n");
        assertThat(run("", "token", "--secret-file", weak.toString(), "--name", "alice")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("7 bytes, at least 32");
        err.reset();
        assertThat(run("", "token", "--secret-file", secretFile.toString(), "--name", "a b")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--name: invalid name");
        err.reset();
        assertThat(run("", "token", "--secret-file", secretFile.toString(), "--name", "alice", "--minutes", "0")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--minutes must be 1..10080");
        err.reset();
        assertThat(run("", "server", "--secret-file", missing.toString())).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--secret-file " + missing + ": no such file");
        err.reset();
        assertThat(run("", "client", "--name", "alice", "--token-file", missing.toString())).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--token-file " + missing + ": no such file");
    }

    @Test
    void theClientSendsItsTokenFileFirstAndChats() throws Exception {
        Path tokenFile = Files.writeString(temp.resolve("alice.token"),
                tokens().issue(new MemberName("alice"), Duration.ofMinutes(5)) + "\n");
        try (ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), null,
                Authentication.withTokens(tokens()))) {
            int code = run("hello\n", "client", "ws://127.0.0.1:" + server.wsPort() + "/chat", "--name", "alice",
                    "--token-file", tokenFile.toString());

            assertThat(code).as(err()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).lines())
                    .anyMatch(line -> line.equals("* welcome, alice - here: alice"))
                    .anyMatch(line -> line.endsWith(" <alice> hello"));
        }
    }

    @Test
    void theServerRefusesASilentClientBeforeTheClientStopsWaitingForItsWelcome() {
        // Otherwise the console client would say "no answer" instead of the server's reason.
        assertThat(Authentication.DEADLINE).isLessThan(ChatClient.TIMEOUT);
    }

    @Test
    void aClientWithoutATokenIsRefusedAtTheDeadlineAndExits1() throws Exception {
        try (ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), null,
                new Authentication(tokens(), Duration.ofMillis(300)))) {
            int code = run("", "client", "ws://127.0.0.1:" + server.wsPort() + "/chat", "--name", "alice");

            assertThat(code).isEqualTo(1);
            assertThat(err()).contains("disconnected: 1008 authentication timeout");
        }
    }
}
