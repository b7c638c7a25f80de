package dev.sanfi.sockets.common;

import dev.sanfi.sockets.common.tls.TlsFailure;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The console echo client every module shares: sends each message, prints each reply, and ends
 * with a clean Close 1000. Only the {@link EchoClientSession.Connector} differs between stacks.
 *
 * <p>Messages are sent one at a time, each waiting for its echo, so that a reply is printed next
 * to the line that caused it. The lines are read on a thread of their own, so that a Close from
 * the server while the client waits for the next line is printed at once, not when the user types.
 *
 * <p>Exit codes: 0 after our clean close, or when the server closes with 1000 or 1001 while the
 * client waits for input (the server is done, or going away); 1 for anything else — a Close in
 * place of an echo, an error, a timeout.
 */
public final class ConsoleClient {

    /** How long to wait for an echo, or for the server's answer to our Close. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    /** Binary replies are printed as hex, at most this many bytes of them. */
    private static final int MAX_HEX_BYTES = 64;

    /** Lines typed ahead while an echo is awaited; more than this and reading waits (bounded). */
    private static final int MAX_LINES_AHEAD = 1024;

    private final String name;
    private final EchoClientSession.Connector connector;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration replyTimeout;

    /**
     * @param name the module's name, which starts every error line, as in the rest of the command line
     */
    public ConsoleClient(String name, EchoClientSession.Connector connector, PrintStream out, PrintStream err) {
        this(name, connector, out, err, REPLY_TIMEOUT);
    }

    ConsoleClient(String name, EchoClientSession.Connector connector, PrintStream out, PrintStream err,
                  Duration replyTimeout) {
        this.name = name;
        this.connector = connector;
        this.out = out;
        this.err = err;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Connects, echoes every message, closes.
     *
     * @param messages sent in order; may be read lazily, e.g. from standard input
     * @param binary   send each message's UTF-8 bytes as a binary message instead of text
     * @return the process exit code (see the class comment)
     */
    public int run(URI uri, Iterable<String> messages, boolean binary) {
        return run(uri, ClientOptions.defaults(), messages, binary);
    }

    /**
     * Connects with these options (for {@code wss://}: whom to trust; whether to offer compression),
     * echoes every message, closes. A certificate the client refuses is one line naming the check
     * that failed, and exit code 1.
     */
    public int run(URI uri, ClientOptions options, Iterable<String> messages, boolean binary) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (EchoClientSession session = connect(uri, options, events)) {
            if (session == null) {
                return 1;
            }
            BlockingQueue<Input> input = new LinkedBlockingQueue<>(MAX_LINES_AHEAD);
            startReading(messages, input, events);
            while (true) {
                Event next = events.take();
                if (next instanceof Event.InputReady) {
                    Input line = input.take();
                    if (line instanceof Input.End) {
                        return closeCleanly(session, events);
                    }
                    if (line instanceof Input.Failed failed) {
                        err.println(name + ": cannot read the input: " + message(failed.error()));
                        return 1;
                    }
                    String message = ((Input.Line) line).text();
                    if (binary) {
                        session.sendBinary(message.getBytes(StandardCharsets.UTF_8));
                    } else {
                        session.sendText(message);
                    }
                    Event reply = nextFromServer(events);
                    if (!(reply instanceof Event.Text || reply instanceof Event.Binary)) {
                        return fail(reply, "no echo within " + replyTimeout.toSeconds() + " s");
                    }
                    print(reply);
                } else if (next instanceof Event.Closed closed) {
                    // The server closed while we waited for the next line: say so now, and why.
                    reportClose(closed);
                    return closed.code() == CloseCodes.NORMAL_CLOSURE || closed.code() == CloseCodes.GOING_AWAY ? 0 : 1;
                } else if (next instanceof Event.Failed) {
                    return fail(next, "");
                } else {
                    print(next); // a message the server sent of its own accord
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name + ": interrupted");
            return 1;
        } catch (Exception e) {
            err.println(name + ": error: " + message(e));
            return 1;
        }
    }

    /**
     * Reads the messages on a thread of its own, each line signalled into {@code events}. A daemon:
     * a read of standard input cannot be interrupted, and it must not keep the JVM alive once the
     * client is done.
     */
    private static void startReading(Iterable<String> messages, BlockingQueue<Input> input, BlockingQueue<Event> events) {
        Thread reader = new Thread(() -> {
            try {
                for (String message : messages) {
                    input.put(new Input.Line(message));
                    events.add(new Event.InputReady());
                }
                input.put(new Input.End());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                input.offer(new Input.Failed(e));
            }
            events.add(new Event.InputReady());
        }, "console-input");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next event from the server within the reply timeout; input arriving meanwhile waits its turn. */
    private Event nextFromServer(BlockingQueue<Event> events) throws InterruptedException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        int inputsSeen = 0;
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (!(event instanceof Event.InputReady)) {
                    return event;
                }
                inputsSeen++;
            }
        } finally {
            for (int i = 0; i < inputsSeen; i++) {
                events.add(new Event.InputReady()); // for the main loop, in the order they came
            }
        }
    }

    private int closeCleanly(EchoClientSession session, BlockingQueue<Event> events) throws Exception {
        session.sendClose(CloseCodes.NORMAL_CLOSURE, "done");
        Event end = nextFromServer(events);
        if (end instanceof Event.Closed closed && closed.code() == CloseCodes.NORMAL_CLOSURE) {
            return 0;
        }
        return fail(end, "the server did not answer the Close within " + replyTimeout.toSeconds() + " s");
    }

    private EchoClientSession connect(URI uri, ClientOptions options, BlockingQueue<Event> events) {
        try {
            return connector.connect(uri, options, new ClientEvents() {
                @Override
                public void onText(String text) {
                    events.add(new Event.Text(text));
                }

                @Override
                public void onBinary(byte[] data) {
                    events.add(new Event.Binary(data));
                }

                @Override
                public void onClose(int code, String reason) {
                    events.add(new Event.Closed(code, reason));
                }

                @Override
                public void onError(Throwable error) {
                    events.add(new Event.Failed(error));
                }
            });
        } catch (Exception e) {
            err.println(name + ": cannot connect to " + uri + ": " + TlsFailure.describe(e).orElseGet(() -> message(e)));
            return null;
        }
    }

    private void print(Event reply) {
        out.println(reply instanceof Event.Text text ? text.text() : describe(((Event.Binary) reply).data()));
    }

    private void reportClose(Event.Closed closed) {
        err.println(name + ": the server closed the connection: " + closed.code()
                + (closed.reason().isEmpty() ? "" : " " + closed.reason()));
    }

    private int fail(Event event, String whenNothing) {
        if (event instanceof Event.Closed closed) {
            reportClose(closed);
        } else if (event instanceof Event.Failed failed) {
            err.println(name + ": error: " + message(failed.error()));
        } else if (event == null) {
            err.println(name + ": " + whenNothing);
        } else {
            err.println(name + ": unexpected message from the server: " + event);
        }
        return 1;
    }

    static String describe(byte[] data) {
        String hex = HexFormat.ofDelimiter(" ").formatHex(data, 0, Math.min(data.length, MAX_HEX_BYTES));
        return "binary, " + data.length + " bytes: " + hex + (data.length > MAX_HEX_BYTES ? " …" : "");
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return text.lines().findFirst().orElse(text);
    }

    /** What the session reported, and when a line of input is ready, in the order it happened. */
    private sealed interface Event {
        record Text(String text) implements Event {
        }

        record Binary(byte[] data) implements Event {
        }

        record Closed(int code, String reason) implements Event {
        }

        record Failed(Throwable error) implements Event {
        }

        record InputReady() implements Event {
        }
    }

    /** What the input thread read. */
    private sealed interface Input {
        record Line(String text) implements Input {
        }

        record End() implements Input {
        }

        record Failed(Throwable error) implements Input {
        }
    }
}
