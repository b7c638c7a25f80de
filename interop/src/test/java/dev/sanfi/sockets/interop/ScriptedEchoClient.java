package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.Limits;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client in another language, as a row of the matrix: one process per connection, running a small
 * script on that language's WebSocket library (interop's {@code src/test/node/echo-client.js} and
 * {@code src/test/python/echo_client.py}). The two speak a line protocol over the script's stdin and
 * stdout, every payload in base64 so that any bytes fit on a line:
 * <pre>
 *   to the script:   text B64 | binary B64 | ping B64 | close CODE B64
 *   from the script: open | text B64 | binary B64 | pong B64 | close CODE B64 | error MESSAGE
 * </pre>
 * The script ends after its close; {@link #close()} ends it anyway, and this reader thread with it.
 * Any other line from the script (a stack trace on its stderr, merged in) is reported as an error.
 */
final class ScriptedEchoClient implements PingingSession {

    /** The process's start and the library's handshake, which the script bounds to 10 s itself. */
    private static final Duration OPEN_TIMEOUT = Limits.HANDSHAKE_TIMEOUT.plusSeconds(10);
    /** How long the script gets to end once it is told to, before it is killed. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final BufferedWriter commands;
    private final Thread reader;
    /** The Pong the last {@link #ping} waits for; the reader thread completes it. */
    private final AtomicReference<CompletableFuture<byte[]>> pong;

    private ScriptedEchoClient(Process process, Thread reader, AtomicReference<CompletableFuture<byte[]>> pong) {
        this.process = process;
        this.pong = pong;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        this.reader = reader;
    }

    /**
     * Starts {@code script} (a path under interop/) with the runtime, and returns once its connection
     * is open. For {@code wss://}, {@code trustedPem} (or null) names a certificate the script trusts
     * besides its runtime's own authorities ({@link OutsideRuntime#trusting}).
     */
    static ScriptedEchoClient connect(OutsideRuntime runtime, String script, URI uri, Path trustedPem, ClientEvents events)
            throws Exception {
        runtime.assumeInstalled();
        Path path = OutsideRuntime.ROOT.resolve("interop").resolve(script);
        Process process = runtime.trusting(trustedPem, runtime.process(path.toString(), uri.toString())).start();
        CompletableFuture<Void> opened = new CompletableFuture<>();
        AtomicReference<CompletableFuture<byte[]>> pong = new AtomicReference<>(new CompletableFuture<>());
        Events dispatch = new Events(events, opened, pong);
        Thread reader = new Thread(() -> dispatch.readFrom(process), "script-client-" + process.pid());
        reader.setDaemon(true);
        ScriptedEchoClient client = new ScriptedEchoClient(process, reader, pong);
        reader.start();
        try {
            opened.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            client.close();
            throw new IOException(runtime + " client could not connect to " + uri + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            client.close();
            throw new IOException(runtime + " client did not open " + uri + " within " + OPEN_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void sendText(String text) throws IOException {
        command("text " + encode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void sendBinary(byte[] data) throws IOException {
        command("binary " + encode(data));
    }

    @Override
    public void sendClose(int code, String reason) throws IOException {
        command("close " + code + " " + encode(reason.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletableFuture<byte[]> ping(byte[] payload) throws IOException {
        CompletableFuture<byte[]> next = new CompletableFuture<>();
        pong.set(next);
        command("ping " + encode(payload));
        return next;
    }

    /** Ends the script (and so its connection, without a Close), then waits for its reader thread. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            reader.join(EXIT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void command(String line) throws IOException {
        commands.write(line);
        commands.write('\n');
        commands.flush();
    }

    private static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** Turns the script's lines into {@link ClientEvents}, on the reader thread. */
    private static final class Events {
        private final ClientEvents events;
        private final CompletableFuture<Void> opened;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicReference<CompletableFuture<byte[]>> pong;
        private String lastError = "no error reported";

        Events(ClientEvents events, CompletableFuture<Void> opened, AtomicReference<CompletableFuture<byte[]>> pong) {
            this.events = events;
            this.opened = opened;
            this.pong = pong;
        }

        /**
         * Reads until the script's stdout ends. The script's library bounds every message to
         * {@link Limits#MAX_MESSAGE_BYTES}, so no line is longer than its base64.
         */
        void readFrom(Process process) {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    dispatch(line);
                }
            } catch (IOException | UncheckedIOException e) {
                lastError = String.valueOf(e);
            }
            IOException ended = new IOException("the client process ended: " + lastError);
            opened.completeExceptionally(ended);
            closed(CloseCodes.ABNORMAL_CLOSURE, ended.getMessage());
        }

        private void dispatch(String line) {
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "open" -> opened.complete(null);
                case "text" -> events.onText(new String(decode(words, 1), StandardCharsets.UTF_8));
                case "binary" -> events.onBinary(decode(words, 1));
                case "pong" -> pong.get().complete(decode(words, 1));
                case "close" -> {
                    String reason = new String(decode(words, 2), StandardCharsets.UTF_8);
                    opened.completeExceptionally(new IOException("closed " + words[1] + " before it opened: " + lastError));
                    closed(Integer.parseInt(words[1]), reason);
                }
                case "error" -> {
                    lastError = line.substring("error".length()).strip();
                    events.onError(new IOException(lastError));
                }
                default -> {
                    lastError = line;
                    events.onError(new IOException("the script says: " + line));
                }
            }
        }

        private void closed(int code, String reason) {
            if (closed.compareAndSet(false, true)) {
                events.onClose(code, reason);
            }
        }

        private static byte[] decode(String[] words, int index) {
            return words.length > index ? Base64.getDecoder().decode(words[index]) : new byte[0];
        }
    }
}
