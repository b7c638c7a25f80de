package dev.sanfi.sockets.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the threads of one test print on standard error, for a test that asserts a server logged no
 * stack trace. Every module logs there (slf4j-simple, with {@code java.util.logging} bridged to it),
 * and so does the JVM for an exception that ends a thread.
 *
 * <p>Test classes run side by side in one JVM, so standard error holds the lines of many servers at
 * once. A recording therefore keeps only what is printed by the thread that started it and by the
 * threads started from that thread while it runs (and from those, and so on: the mark is an
 * {@link InheritableThreadLocal}). A server started inside the recording has its threads counted; a
 * thread it borrows from a pool that existed before is not, so a missed line is possible, a line of
 * another test is not.
 *
 * <pre>{@code
 * try (ServerLog log = ServerLog.record()) {
 *     EchoServer server = start(settings);   // its threads are marked from here on
 *     ...
 *     server.close();                        // its last lines are printed by now
 *     assertThat(log.stackTraceLines()).isEmpty();
 * }
 * }</pre>
 */
public final class ServerLog implements AutoCloseable {

    /** More than this is not kept: a test that floods standard error fails on what it kept. */
    private static final int MAX_BYTES = 1024 * 1024;

    /** A line of a printed stack trace: a frame, a cause, or the JVM's line for an uncaught exception. */
    private static final Pattern STACK_TRACE_LINE =
            Pattern.compile("^(\\s+at [\\w$.]+.*\\(.*\\)\\s*|\\s*Caused by: .*|Exception in thread .*|\\s+\\.\\.\\. \\d+ more\\s*)$");

    private static final InheritableThreadLocal<ServerLog> RECORDING = new InheritableThreadLocal<>();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** Guarded by bytes. */
    private boolean closed;

    private ServerLog() {
    }

    /** Starts recording what this thread, and every thread started from it from now on, prints on standard error. */
    public static ServerLog record() {
        installTee();
        ServerLog log = new ServerLog();
        RECORDING.set(log);
        return log;
    }

    /** The lines recorded so far. */
    public List<String> lines() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The recorded lines that belong to a printed stack trace. */
    public List<String> stackTraceLines() {
        return lines().stream().filter(line -> STACK_TRACE_LINE.matcher(line).matches()).toList();
    }

    /** Stops recording; threads that are still marked print to standard error only. */
    @Override
    public void close() {
        synchronized (bytes) {
            closed = true;
        }
        if (RECORDING.get() == this) {
            RECORDING.remove();
        }
    }

    private void keep(byte[] data, int offset, int length) {
        synchronized (bytes) {
            if (!closed) {
                bytes.write(data, offset, Math.max(0, Math.min(length, MAX_BYTES - bytes.size())));
            }
        }
    }

    /** Puts the tee in front of standard error, once per JVM; everything still reaches the old stream. */
    private static synchronized void installTee() {
        if (!(System.err instanceof Tee)) {
            System.setErr(new Tee(System.err));
        }
    }

    private static final class Tee extends PrintStream {
        Tee(PrintStream original) {
            super(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] data, int offset, int length) {
                    ServerLog log = RECORDING.get();
                    if (log != null) {
                        log.keep(data, offset, length);
                    }
                    original.write(data, offset, length);
                }

                @Override
                public void flush() {
                    original.flush();
                }
            }, true, StandardCharsets.UTF_8);
        }
    }
}
