package dev.sanfi.sockets.exercises.ch8b;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chapter 8b, exercise 2: a chat node in a process of its own — {@code 05-chat-broadcast server
 * --redis ...} on this JVM's class path — so that a test can lose it the way a machine is lost:
 * {@link #kill()} is {@code kill -9}, no shutdown hook, no Close frame, no last word to Redis.
 */
public final class ChatNodeProcess implements AutoCloseable {

    /** How long a node may take to start: a JVM, a Redis connection, two ports. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern WEBSOCKET_LINE = Pattern.compile("websocket: ws://[^ ]+:(\\d+)/chat");

    private final Process process;
    private final Thread output;
    private final int wsPort;

    private ChatNodeProcess(Process process, Thread output, int wsPort) {
        this.process = process;
        this.output = output;
        this.wsPort = wsPort;
    }

    /** Starts a node on 127.0.0.1, free ports, one room on the Redis at {@code 127.0.0.1:redisPort}. */
    public static ChatNodeProcess start(int redisPort) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.sanfi.sockets.chat.Main", "server", "--host", "127.0.0.1", "--port", "0",
                "--redis", "redis://127.0.0.1:" + redisPort)
                .redirectError(Redirect.DISCARD)
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        // Reads every line the node prints until it ends, so that its output never fills the pipe.
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher websocket = WEBSOCKET_LINE.matcher(line);
                    if (websocket.find()) {
                        port.complete(Integer.parseInt(websocket.group(1)));
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
            port.completeExceptionally(new IOException("the node ended before it listened (exit " + exitOf(process) + ")"));
        }, "chat-node-output");
        output.setDaemon(true);
        output.start();
        try {
            return new ChatNodeProcess(process, output, port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor();
            output.join(START_TIMEOUT.toMillis());
            throw new IOException("the chat node did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** The node's chat port: {@code ws://127.0.0.1:PORT/chat?name=NAME}. */
    public int wsPort() {
        return wsPort;
    }

    /** The node dies at once, as if its machine were gone, and this returns once it has. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        output.join(START_TIMEOUT.toMillis());
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String exitOf(Process process) {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }
}
