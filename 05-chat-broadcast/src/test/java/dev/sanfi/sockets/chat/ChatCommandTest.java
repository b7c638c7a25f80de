package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        return ChatCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsAreOneLineAndExit2() {
        assertThat(run("", "server", "--port", "70000")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--port must be 0..65535");
        err.reset();
        assertThat(run("", "server", "--port", "65535")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--ws-port must be 0..65535, was 65536");
        err.reset();
        assertThat(run("", "server", "--allow-origin", "not an origin")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--allow-origin");
        err.reset();
        assertThat(run("", "client")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--name");
        err.reset();
        assertThat(run("", "client", "http://localhost:8086/chat", "--name", "a")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("not a WebSocket URL");
        err.reset();
        assertThat(run("", "--bogus")).isEqualTo(2);
        assertThat(err()).hasLineCount(1);
    }

    @Test
    void anUnreachableServerIsOneLineAndExit1() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("", "client", "ws://127.0.0.1:" + closedPort + "/chat", "--name", "alice")).isEqualTo(1);
        assertThat(err()).hasLineCount(1).startsWith("cannot connect to ws://127.0.0.1:" + closedPort + "/chat?name=alice");
    }

    @Test
    void aPortInUseIsOneLineAndExit1() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            assertThat(run("", "server", "--host", "127.0.0.1", "--port", String.valueOf(port))).isEqualTo(1);
            assertThat(err()).hasLineCount(1).contains("cannot start the chat").contains("in use");
            err.reset();
            assertThat(run("", "server", "--host", "127.0.0.1", "--port", "0", "--ws-port", String.valueOf(port))).isEqualTo(1);
            assertThat(err()).hasLineCount(1).contains("cannot start the chat").contains("in use");
        }
    }

    @Test
    void theNameGoesIntoTheQuery() {
        ChatCommand.ClientCommand client = new ChatCommand.ClientCommand(System.in, System.out, System.err);
        client.name = "a b";
        assertThat(client.target().toString()).isEqualTo("ws://localhost:8086/chat?name=a+b");
        client.url = "ws://[::1]:9000/chat?room=1";
        assertThat(client.target().toString()).isEqualTo("ws://[::1]:9000/chat?room=1&name=a+b");
    }

    @Test
    void theClientChatsAndLeavesCleanly() throws Exception {
        try (ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"));
             WireMember alice = WireMember.join(server.wsPort(), "alice")) {
            alice.nextEvent("joined");
            int code = run("hello\n<b>bold</b>\n", "client", "ws://127.0.0.1:" + server.wsPort() + "/chat", "--name", "bob");
            assertThat(code).as(err()).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8).lines())
                    .anyMatch(line -> line.equals("* welcome, bob - here: alice, bob"))
                    .anyMatch(line -> line.endsWith(" * bob joined"))
                    .anyMatch(line -> line.endsWith(" <bob> hello"))
                    .anyMatch(line -> line.endsWith(" <bob> <b>bold</b>"));
            assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("hello");
            assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("<b>bold</b>");
            assertThat(alice.nextEvent("left").path("name").asText()).isEqualTo("bob");
        }
    }

    @Test
    void aTakenNameEndsTheClientWithExit1() throws Exception {
        try (ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"));
             WireMember alice = WireMember.join(server.wsPort(), "alice")) {
            alice.nextEvent("joined");
            int code = run("", "client", "ws://127.0.0.1:" + server.wsPort() + "/chat", "--name", "alice");
            assertThat(code).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("! name taken: alice");
            assertThat(err()).contains("disconnected: 1008 name taken: alice");
        }
    }

    @Test
    void theClientComesBackAfterADropAndGetsWhatItMissed() throws Exception {
        ChatSettings settings = ChatSettings.defaults(0, 0).withHost("127.0.0.1");
        ChatServer first = ChatServer.start(settings);
        int wsPort = first.wsPort();
        java.util.concurrent.BlockingQueue<String> input = new java.util.concurrent.LinkedBlockingQueue<>();
        String end = "\u0000end";
        Iterable<String> lines = () -> new java.util.Iterator<>() {
            private String next;

            @Override
            public boolean hasNext() {
                try {
                    next = input.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return !next.equals(end);
            }

            @Override
            public String next() {
                return next;
            }
        };
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new ChatClient(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run(java.net.URI.create("ws://127.0.0.1:" + wsPort + "/chat?name=bob"), lines);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("* bob joined"));
            first.close(); // a restart: the client is told 1001 and comes back
            try (ChatServer again = ChatServer.start(ChatSettings.defaults(0, wsPort).withHost("127.0.0.1"));
                 WireMember alice = WireMember.join(wsPort, "alice")) {
                alice.nextEvent("joined");
                alice.sendMessage("hello again");
                alice.nextEvent("message");
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                        .until(() -> out.toString(StandardCharsets.UTF_8).contains("<alice> hello again"));
                input.add("back");
                assertThat(alice.nextEvent("message").path("text").asText()).isEqualTo("back");
                input.add(end);
                assertThat(exit.get(15, java.util.concurrent.TimeUnit.SECONDS)).as(err()).isEqualTo(0);
                assertThat(err()).contains("disconnected: 1001 server shutting down; coming back");
            }
        } finally {
            first.close();
            input.add(end);
        }
    }

    @Test
    void tlsOptionsThatDoNotFitAreOneLineAndExit2() {
        assertThat(run("", "server", "--keystore-password-file", "pw.txt")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--keystore-password-file needs --keystore");
        err.reset();
        assertThat(run("", "server", "--keystore", "no-such.p12", "--port", "0")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--keystore no-such.p12: no such file");
        err.reset();
        assertThat(run("", "client", "wss://localhost:1/chat", "--name", "a", "--insecure", "--trust", "x.pem")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--insecure checks nothing");
        err.reset();
        assertThat(run("", "client", "wss://localhost:1/chat", "--name", "a", "--trust", "no-such.pem")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--trust: no-such.pem: no such file");
    }

    @Test
    void theClientJoinsOverTlsWithTrustAndOffersCompression() throws Exception {
        dev.sanfi.sockets.common.tls.SelfSignedCertificate certificate = dev.sanfi.sockets.common.tls.SelfSignedCertificate.forLocalhost();
        java.nio.file.Path pem = java.nio.file.Files.createTempFile("chat-test-", ".pem");
        try (ChatServer server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1")
                .withTls(certificate.serverContext()).withDeflate(true))) {
            java.nio.file.Files.writeString(pem, certificate.pem());
            int code = run("over TLS, compressed\n", "client", "wss://localhost:" + server.wsPort() + "/chat", "--name", "bob",
                    "--trust", pem.toString(), "--deflate");
            assertThat(code).as(err()).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("<bob> over TLS, compressed");

            err.reset();
            assertThat(run("", "client", "wss://localhost:" + server.wsPort() + "/chat", "--name", "carol")).isEqualTo(1);
            assertThat(err()).hasLineCount(1).contains("not trusted: untrusted issuer");
        } finally {
            java.nio.file.Files.deleteIfExists(pem);
        }
    }
}
