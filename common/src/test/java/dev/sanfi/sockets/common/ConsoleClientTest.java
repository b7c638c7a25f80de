package dev.sanfi.sockets.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleClientTest {

    private static final URI URL = URI.create("ws://localhost:1/echo");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> sent = new ArrayList<>();
    private boolean closedResources;

    /** A fake server in memory: echoes what it gets and answers a Close, unless told to misbehave. */
    private EchoClientSession.Connector server(boolean echoes, int closeAnswer) {
        return (uri, options, events) -> new EchoClientSession() {
            @Override
            public void sendText(String text) {
                sent.add("text:" + text);
                if (echoes) {
                    events.onText(text);
                } else {
                    events.onClose(1009, "Message too big");
                }
            }

            @Override
            public void sendBinary(byte[] data) {
                sent.add("binary:" + new String(data, StandardCharsets.UTF_8));
                events.onBinary(data);
            }

            @Override
            public void sendClose(int code, String reason) {
                sent.add("close:" + code);
                if (closeAnswer != 0) {
                    events.onClose(closeAnswer, "");
                }
            }

            @Override
            public void close() {
                closedResources = true;
            }
        };
    }

    private int run(EchoClientSession.Connector connector, List<String> messages, boolean binary) {
        return new ConsoleClient("test-module", connector, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofMillis(200)).run(URL, messages, binary);
    }

    @Test
    void printsEachEchoAndEndsWithACleanClose() {
        int code = run(server(true, 1000), List.of("hello", "grüße ✓"), false);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("hello", "grüße ✓");
        assertThat(sent).containsExactly("text:hello", "text:grüße ✓", "close:1000");
        assertThat(closedResources).isTrue();
    }

    @Test
    void binaryRepliesArePrintedAsHex() {
        int code = run(server(true, 1000), List.of("hi"), true);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualToIgnoringNewLines("binary, 2 bytes: 68 69");
    }

    @Test
    void aServerCloseInsteadOfAnEchoIsReportedWithItsCode() {
        int code = run(server(false, 1000), List.of("too big"), false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualToIgnoringNewLines("test-module: the server closed the connection: 1009 Message too big");
        assertThat(closedResources).isTrue();
    }

    @Test
    void aServerThatNeverAnswersTheCloseFailsAfterTheTimeout() {
        int code = run(server(true, 0), List.of(), false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("did not answer the Close");
    }

    /** A server that closes with this code while the client waits for its first line of input. */
    private static EchoClientSession.Connector closingWhileIdle(int code, String reason, List<String> sent) {
        return (uri, options, events) -> {
            EchoClientSession session = new EchoClientSession() {
                @Override
                public void sendText(String text) {
                    sent.add("text:" + text);
                }

                @Override
                public void sendBinary(byte[] data) {
                    sent.add("binary");
                }

                @Override
                public void sendClose(int closeCode, String closeReason) {
                    sent.add("close:" + closeCode);
                }

                @Override
                public void close() {
                }
            };
            events.onClose(code, reason);
            return session;
        };
    }

    /** Input that never comes: like a person who has not typed yet. */
    private static Iterable<String> noInputYet(CountDownLatch released) {
        return () -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }

            @Override
            public String next() {
                throw new java.util.NoSuchElementException();
            }
        };
    }

    @ParameterizedTest(name = "Close {0} -> exit {1}")
    @CsvSource({"1001, 0", "1000, 0", "1011, 1", "4000, 1"})
    void aServerCloseWhileWaitingForInputIsPrintedAtOnceWithItsExitCode(int code, int exitCode) {
        CountDownLatch neverTyped = new CountDownLatch(1);
        try {
            int exit = new ConsoleClient("test-module", closingWhileIdle(code, "server shutting down", sent),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Duration.ofSeconds(5)).run(URL, noInputYet(neverTyped), false);

            assertThat(exit).isEqualTo(exitCode);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualToIgnoringNewLines("test-module: the server closed the connection: " + code + " server shutting down");
            assertThat(sent).as("nothing is sent to a server that is gone").isEmpty();
        } finally {
            neverTyped.countDown();
        }
    }

    @Test
    void everyErrorLineNamesTheModule() {
        EchoClientSession.Connector refusing = (uri, options, events) -> {
            throw new java.net.ConnectException("Connection refused");
        };
        int code = run(refusing, List.of("x"), false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualToIgnoringNewLines("test-module: cannot connect to ws://localhost:1/echo: Connection refused");
    }

    @Test
    void longBinaryRepliesAreCut() {
        assertThat(ConsoleClient.describe(new byte[100])).startsWith("binary, 100 bytes: 00 00").endsWith(" …");
    }
}
