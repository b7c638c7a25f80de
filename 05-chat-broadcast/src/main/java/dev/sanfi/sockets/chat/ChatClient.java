package dev.sanfi.sockets.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The console chat client on Java-WebSocket's {@link WebSocketClient}: prints every event as a
 * line, sends every input line as a message, and leaves (Close 1000) when the input ends.
 *
 * <p>Before it leaves, it waits until the server has broadcast its own last message back to it.
 * Java-WebSocket's client stops reading the moment it sends its Close (it does not wait for the
 * server's answering Close, RFC 6455 §7.1.1); closing while events are still arriving would leave
 * them unread, and a socket closed with unread data is reset rather than closed, so the server
 * could lose the Close frame and see 1006.
 */
public final class ChatClient {

    /** How long to wait for the opening handshake, the welcome, and our own messages to come back. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final EventLine lines = new EventLine(ZoneId.systemDefault());

    public ChatClient(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What happened next, in the order it happened. */
    private sealed interface Step {
        record Welcomed(String you) implements Step {
        }

        record MessageFrom(String from) implements Step {
        }

        record Line(String text) implements Step {
        }

        record EndOfInput() implements Step {
        }

        record Closed(int code, String reason) implements Step {
        }
    }

    /**
     * Joins the chat at {@code uri} (which already carries {@code ?name=}), chats until
     * {@code input} ends or the server closes, and returns the exit code: 0 after a clean close
     * (ours, or 1001 when the server shuts down), 1 otherwise.
     *
     * @param input read on a thread of its own (a daemon: standard input cannot be interrupted)
     */
    public int run(URI uri, Iterable<String> input) throws InterruptedException {
        BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean opened = new AtomicBoolean();
        WebSocketClient client = new WebSocketClient(uri) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                opened.set(true);
            }

            @Override
            public void onMessage(String message) {
                synchronized (out) {
                    lines.format(message).forEach(out::println);
                }
                JsonNode event = parseQuietly(message);
                String type = event.path("type").asText();
                if (type.equals("welcome")) {
                    steps.add(new Step.Welcomed(event.path("you").asText()));
                } else if (type.equals("message")) {
                    steps.add(new Step.MessageFrom(event.path("from").asText()));
                }
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                steps.add(new Step.Closed(code, reason));
            }

            @Override
            public void onError(Exception error) {
                failure.set(error);
            }
        };
        try {
            if (!client.connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && !opened.get()) {
                Step first = steps.poll();
                err.println("cannot connect to " + uri + ": " + describe(failure.get(), first));
                return 1;
            }
            // Opened, though perhaps closed already (a refused name): the welcome, or the end
            Step step = steps.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            while (step instanceof Step.MessageFrom) {
                step = steps.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!(step instanceof Step.Welcomed welcomed)) {
                return ended(step);
            }
            startReading(input, steps);
            long sent = 0;
            long echoed = 0;
            while (true) {
                step = steps.take();
                if (step instanceof Step.Line line && !line.text().isBlank()) {
                    client.send(ChatCodec.encodeMessage(line.text()));
                    sent++;
                } else if (step instanceof Step.MessageFrom message && message.from().equals(welcomed.you())) {
                    echoed++;
                } else if (step instanceof Step.Closed) {
                    return ended(step);
                } else if (step instanceof Step.EndOfInput) {
                    while (echoed < sent) {
                        step = steps.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        if (step == null || step instanceof Step.Closed) {
                            return ended(step);
                        }
                        if (step instanceof Step.MessageFrom message && message.from().equals(welcomed.you())) {
                            echoed++;
                        }
                    }
                    client.closeBlocking();
                    return 0;
                }
            }
        } finally {
            client.closeBlocking(); // no-op when closed; ends the library's threads otherwise
        }
    }

    private int ended(Step step) {
        if (step instanceof Step.Closed closed) {
            String why = closed.code() + (closed.reason().isEmpty() ? "" : " " + closed.reason());
            if (closed.code() == 1001) {
                err.println("the server closed the chat: " + why);
                return 0;
            }
            err.println("disconnected: " + why);
        } else {
            err.println("no answer from the server within " + TIMEOUT.toSeconds() + " s");
        }
        return 1;
    }

    private static void startReading(Iterable<String> input, BlockingQueue<Step> steps) {
        Thread reader = new Thread(() -> {
            Iterator<String> it = input.iterator();
            while (it.hasNext()) {
                steps.add(new Step.Line(it.next()));
            }
            steps.add(new Step.EndOfInput());
        }, "chat-input");
        reader.setDaemon(true);
        reader.start();
    }

    private static JsonNode parseQuietly(String message) {
        try {
            return ChatCodec.parse(message);
        } catch (IllegalArgumentException e) {
            return ChatCodec.parse("{}");
        }
    }

    private static String describe(Exception error, Step first) {
        if (error != null) {
            return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        }
        return first instanceof Step.Closed closed && !closed.reason().isEmpty() ? closed.reason() : "no answer";
    }
}
