package dev.sanfi.sockets.common;

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
 * to the line that caused it.
 */
public final class ConsoleClient {

    /** How long to wait for an echo, or for the server's answer to our Close. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    /** Binary replies are printed as hex, at most this many bytes of them. */
    private static final int MAX_HEX_BYTES = 64;

    private final EchoClientSession.Connector connector;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration replyTimeout;

    public ConsoleClient(EchoClientSession.Connector connector, PrintStream out, PrintStream err) {
        this(connector, out, err, REPLY_TIMEOUT);
    }

    ConsoleClient(EchoClientSession.Connector connector, PrintStream out, PrintStream err, Duration replyTimeout) {
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
     * @return the process exit code: 0 after a clean close, 1 when anything went wrong
     */
    public int run(URI uri, Iterable<String> messages, boolean binary) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (EchoClientSession session = connect(uri, events)) {
            if (session == null) {
                return 1;
            }
            for (String message : messages) {
                if (binary) {
                    session.sendBinary(message.getBytes(StandardCharsets.UTF_8));
                } else {
                    session.sendText(message);
                }
                Event reply = events.poll(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!(reply instanceof Event.Text || reply instanceof Event.Binary)) {
                    return fail(reply, "no echo within " + replyTimeout.toSeconds() + " s");
                }
                out.println(reply instanceof Event.Text text ? text.text() : describe(((Event.Binary) reply).data()));
            }
            session.sendClose(CloseCodes.NORMAL_CLOSURE, "done");
            Event end = events.poll(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (end instanceof Event.Closed closed && closed.code() == CloseCodes.NORMAL_CLOSURE) {
                return 0;
            }
            return fail(end, "the server did not answer the Close within " + replyTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        } catch (Exception e) {
            err.println("error: " + message(e));
            return 1;
        }
    }

    private EchoClientSession connect(URI uri, BlockingQueue<Event> events) {
        try {
            return connector.connect(uri, new ClientEvents() {
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
            err.println("cannot connect to " + uri + ": " + message(e));
            return null;
        }
    }

    private int fail(Event event, String whenNothing) {
        if (event instanceof Event.Closed closed) {
            err.println("the server closed the connection: " + closed.code()
                    + (closed.reason().isEmpty() ? "" : " " + closed.reason()));
        } else if (event instanceof Event.Failed failed) {
            err.println("error: " + message(failed.error()));
        } else if (event == null) {
            err.println(whenNothing);
        } else {
            err.println("unexpected message from the server: " + event);
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

    /** What the session reported, in the order it happened. */
    private sealed interface Event {
        record Text(String text) implements Event {
        }

        record Binary(byte[] data) implements Event {
        }

        record Closed(int code, String reason) implements Event {
        }

        record Failed(Throwable error) implements Event {
        }
    }
}
