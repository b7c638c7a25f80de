package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of the test's own (05-chat-broadcast's cluster tests), on a free port, with nothing saved to disk, stopped
 * after the test. Without {@code redis-server} on the PATH the test is skipped with an install
 * hint; with {@code CI} set (as {@code .ci/run} runs) it fails instead, so CI cannot skip it.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final String HINT = "redis-server is not on the PATH: the cluster tests need it (Debian: apt-get install redis-server)";

    private final Path executable;
    private final int port;
    private Process process;

    private LocalRedis(Path executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /** Starts one, or skips (fails in CI) when there is none to start. */
    public static LocalRedis start() throws IOException {
        Optional<Path> found = onPath("redis-server");
        if (found.isEmpty()) {
            assertThat(System.getenv("CI")).as(HINT).isNull();
            Assumptions.abort(HINT);
        }
        LocalRedis redis = new LocalRedis(found.get(), freePort());
        redis.restart();
        return redis;
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the server as a crash would (no save: it was started with none) and waits for its end. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("redis-server ended").isTrue();
            process = null;
        }
    }

    /** Starts it (again) on the same port, empty, and waits until it answers PING. */
    public void restart() throws IOException {
        process = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port), "--save", "",
                "--appendonly", "no", "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(START_TIMEOUT).ignoreExceptions().until(this::answersPing);
    }

    private boolean answersPing() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        List<String> directories = path == null ? List.of() : Arrays.asList(path.split(File.pathSeparator));
        return directories.stream().map(directory -> Path.of(directory, name)).filter(Files::isExecutable).findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
