package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chapter 1's Node example, {@code node-echo/server.js} on {@code ws}, as a column of the matrix:
 * started as a process on the host and port of the settings (0: a free one, which it prints), and
 * stopped with SIGTERM, on which it closes its connections with 1001. Its contract differs from the
 * modules' in one point, on purpose: a text message comes back as {@code "Echo: " + text}; binary
 * comes back as it was. Only the host and the port of the settings apply; its limit is its own
 * 1 MiB, the same as {@link Limits#MAX_MESSAGE_BYTES}.
 */
final class NodeEchoServer implements EchoServer {

    /** The line the server prints once it listens ends with its WebSocket URL. */
    private static final Pattern LISTENING = Pattern.compile("websocket ws://\\S+:(\\d+)/$");
    /** Node's start on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** The server's own grace for its closing handshakes, and a little more for the process to end. */
    private static final Duration STOP_TIMEOUT = Limits.SHUTDOWN_GRACE.plusSeconds(2);
    /** How much of the server's output a failure to start shows. */
    private static final int OUTPUT_LINES = 20;

    private final Process process;
    private final Thread reader;
    private final InetSocketAddress address;

    private NodeEchoServer(Process process, Thread reader, InetSocketAddress address) {
        this.process = process;
        this.reader = reader;
        this.address = address;
    }

    static NodeEchoServer start(ServerSettings settings) throws Exception {
        if (settings.maxMessageBytes() != Limits.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("node-echo has one limit, " + Limits.MAX_MESSAGE_BYTES + " bytes");
        }
        if (settings.secure() || settings.deflate()) {
            // Chapter 1's example stays the classic one: plain ws://, ws's server default of no compression.
            throw new IllegalArgumentException("node-echo serves plain ws:// only: no TLS, no permessage-deflate");
        }
        OutsideRuntime.NODE.assumeInstalled();
        ProcessBuilder builder = OutsideRuntime.NODE.process("server.js", String.valueOf(settings.port()))
                .directory(OutsideRuntime.NODE_ECHO.toFile());
        builder.environment().put("HOST", settings.host());
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(process, port), "node-echo-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            int listening = port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new NodeEchoServer(process, reader, new InetSocketAddress(settings.host(), listening));
        } catch (ExecutionException e) {
            stop(process, reader);
            throw new IOException("node-echo did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            stop(process, reader);
            throw new IOException("node-echo did not listen within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Takes the port from the line that says the server listens, and reads on until the process ends. */
    private static void read(Process process, CompletableFuture<Integer> port) {
        Deque<String> output = new ArrayDeque<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher listening = LISTENING.matcher(line);
                if (!port.isDone() && listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                } else if (!port.isDone()) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES) {
                        output.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            output.addLast(String.valueOf(e));
        }
        port.completeExceptionally(new IOException("it ended, saying: " + String.join(" / ", output)));
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    /** SIGTERM: the server sends Close 1001 to each connection and ends; killed if it takes too long. */
    @Override
    public void close() {
        stop(process, reader);
    }

    private static void stop(Process process, Thread reader) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            reader.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
