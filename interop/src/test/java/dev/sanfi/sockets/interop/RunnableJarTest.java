package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
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
    void runsOnItsOwn(Jar jar, @TempDir Path dir) throws Exception {
        requirePacked(jar.path());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The jar writes straight into a file. Through a pipe, its lines were lost now and then:
        // Process.destroy() closes the pipe's end in this JVM (the JDK's ProcessImpl does), so
        // whatever a busy reader thread had not read yet, and all the jar said after SIGTERM, was gone.
        Output output = new Output(dir.resolve("output.txt"));
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.path().toString(), "server", "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(output.file())
                .start();
        try {
            String page = output.await(PAGE, jar.start(), process);
            String socket = output.await(SOCKET, RecordedEvents.TIMEOUT, process).replace("NAME", "jar");

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
            List<String> lines = output.lines();
            // The binding is found through the merged META-INF/services: one INFO line per session.
            assertThat(lines).anyMatch(line -> line.contains(" INFO ") && line.contains("opened"));
            // Not any "SLF4J" line: when several threads log while SLF4J starts, it says it replays
            // their calls, which is no fault. What must not appear is that it found no binding.
            assertThat(lines).noneMatch(line -> line.contains("No SLF4J providers")
                    || line.contains("multiple SLF4J providers"));
        } finally {
            process.destroyForcibly();
            process.waitFor(RecordedEvents.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

    /** The jar's standard output and error, in one file the jar writes to directly. */
    private record Output(Path path) {

        File file() {
            return path.toFile();
        }

        /** The first group of the first line like {@code pattern}, once the jar has written it. */
        String await(Pattern pattern, Duration timeout, Process process) {
            AtomicReference<String> found = new AtomicReference<>();
            Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("the jar ended", () -> !process.isAlive())
                    .alias("a line like " + pattern + " in the jar's output")
                    .until(() -> {
                        Matcher matcher = pattern.matcher(Files.readString(path, StandardCharsets.UTF_8));
                        if (matcher.find()) {
                            found.set(matcher.group(1));
                        }
                        return found.get() != null;
                    });
            return found.get();
        }

        List<String> lines() throws IOException {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        }
    }
}
