package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's fast way, {@code java -jar MODULE/target/ARTIFACT-all.jar}: each runnable jar that
 * {@code mvn install} packs starts its server on its own, serves the page, speaks WebSocket, logs
 * through the SLF4J binding inside it, and on SIGTERM (what Ctrl+C's SIGINT also does) closes the
 * session with 1001. The jars are packed before interop's tests run, since interop depends on every
 * module.
 */
@DisplayName("java -jar -> every runnable jar")
class RunnableJarTest {

    private static final Pattern PAGE = Pattern.compile("page:\\s+(http://\\S+)");
    private static final Pattern SOCKET = Pattern.compile("websocket:\\s+(ws://\\S+)");

    /**
     * A module's runnable jar, what to send, the first message that must come back, and how long its
     * server may take to print its URLs.
     */
    record Jar(String module, String artifact, String send, String firstReplyStart, Duration start) {

        Jar(String module, String artifact, String send, String firstReplyStart) {
            this(module, artifact, send, firstReplyStart, RecordedEvents.TIMEOUT);
        }

        Path path() {
            return Path.of("..", module, "target", artifact + "-all.jar");
        }

        @Override
        public String toString() {
            return module;
        }
    }

    static Stream<Jar> jars() {
        return Stream.of(
                new Jar("01-echo-raw", "echo-raw", "hello, jar", "hello, jar"),
                new Jar("02-echo-jsr356", "echo-jsr356", "hello, jar", "hello, jar"),
                new Jar("03-echo-jetty", "echo-jetty", "hello, jar", "hello, jar"),
                new Jar("04-echo-netty", "echo-netty", "hello, jar", "hello, jar"),
                // Spring Boot's own runnable jar (spring-boot-maven-plugin), not a shaded one. Spring Boot
                // starts in a second or two on a quiet machine, in fifteen on a busy one (chapter 7b).
                new Jar("06-echo-spring", "echo-spring", "hello, jar", "hello, jar", Duration.ofSeconds(40)),
                // The chat greets a member before anything is sent (chapter 8's protocol).
                new Jar("05-chat-broadcast", "chat-broadcast", null, "{\"type\":\"welcome\""));
    }

    @ParameterizedTest(name = "java -jar {0}: page, WebSocket, log lines, Close 1001 on SIGTERM")
    @MethodSource("jars")
    void runsOnItsOwn(Jar jar) throws Exception {
        requirePacked(jar.path());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.path().toString(), "server", "--port", "0")
                .redirectErrorStream(true)
                .start();
        Output output = new Output(process);
        try {
            String page = output.await(PAGE, jar.start());
            String socket = output.await(SOCKET).replace("NAME", "jar");

            HttpResponse<String> response = pageOf(page);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<html");

            RecordedEvents events = new RecordedEvents();
            try (JdkEchoClient client = JdkEchoClient.connect(URI.create(socket), events)) {
                if (jar.send() != null) {
                    client.sendText(jar.send());
                }
                assertThat(events.nextText()).startsWith(jar.firstReplyStart());

                process.destroy(); // SIGTERM: the JVM runs the server's shutdown hook
                assertThat(events.awaitClose().code()).isEqualTo(1001);
            }
            assertThat(process.waitFor(RecordedEvents.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the JVM ends after the shutdown hook").isTrue();
            output.awaitEnd();
            // The binding is found through the merged META-INF/services: one INFO line per session.
            assertThat(output.lines()).anyMatch(line -> line.contains(" INFO ") && line.contains("opened"));
            // Not any "SLF4J" line: when several threads log while SLF4J starts, it says it replays
            // their calls, which is no fault. What must not appear is that it found no binding.
            assertThat(output.lines()).noneMatch(line -> line.contains("No SLF4J providers")
                    || line.contains("multiple SLF4J providers"));
        } finally {
            process.destroyForcibly();
            output.awaitEnd();
        }
    }

    /** Without the jar: a failure in CI, which always packs first; elsewhere a skip that says why. */
    private static void requirePacked(Path jar) {
        String missing = jar + " is not there: `mvn install` (or `mvn package`) packs it";
        if (System.getenv("CI") != null && !Files.isRegularFile(jar)) {
            Assertions.fail(missing);
        }
        Assumptions.assumeTrue(Files.isRegularFile(jar), missing);
    }

    private static HttpResponse<String> pageOf(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(RecordedEvents.TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(RecordedEvents.TIMEOUT).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The jar's standard output and error, line by line, read on a thread of its own until the end. */
    private static final class Output {
        private static final String END = "\u0000end";
        private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Output(Process process) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        unread.add(line);
                    }
                } catch (IOException e) {
                    unread.add("(output unreadable: " + e.getMessage() + ")");
                } finally {
                    unread.add(END);
                }
            }, "runnable-jar-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The first group of the next line that matches; each wait for a line is bounded. */
        String await(Pattern pattern) throws InterruptedException {
            return await(pattern, RecordedEvents.TIMEOUT);
        }

        /** The same, waiting up to {@code timeout} for each line. */
        String await(Pattern pattern, Duration timeout) throws InterruptedException {
            while (true) {
                String line = unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null || line.equals(END)) {
                    throw new AssertionError("no line like " + pattern + " in the jar's output: " + lines);
                }
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }

        List<String> lines() {
            return lines;
        }

        void awaitEnd() throws InterruptedException {
            reader.join(RecordedEvents.TIMEOUT.toMillis());
        }
    }
}
