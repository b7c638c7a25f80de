package dev.sanfi.sockets.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.tls.TlsFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.java_websocket.client.WebSocketClient;
import dev.sanfi.sockets.chat.guard.GuardedDraft;
import dev.sanfi.sockets.common.Limits;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
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
 *
 * <p>For {@code wss://} the library's client speaks over a TLS socket made here; the options say
 * whom it trusts ({@code --trust}, or the JDK's trust store) and whether it checks the host name (only
 * {@code --insecure} turns that off). A certificate it refuses is one line that names the check.
 */
public final class ChatClient {

    /** How long to wait for the opening handshake, the welcome, and our own messages to come back. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final ClientOptions options;
    private final EventLine lines = new EventLine(ZoneId.systemDefault());
    /** Sent first on every connection, before anything else (the token, for a server that asks for one); null: none. */
    private final String firstMessage;

    public ChatClient(PrintStream out, PrintStream err) {
        this(out, err, ClientOptions.defaults(), null);
    }

    /**
     * @param options      for wss://, whom to trust and whether to check the host name; whether to offer compression
     * @param firstMessage sent first on every connection (the token, for a server that asks for one); null: none
     */
    public ChatClient(PrintStream out, PrintStream err, ClientOptions options, String firstMessage) {
        this.out = out;
        this.err = err;
        this.options = options;
        this.firstMessage = firstMessage;
    }

    /** Resume attempts in a row before the client gives up on a server that is gone. */
    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What happened next, in the order it happened; {@code on} says on which connection. */
    private sealed interface Step {
        record Welcomed(WebSocketClient on, String you, String token, long lastSeq, int ownInHistory) implements Step {
        }

        record MessageFrom(WebSocketClient on, String from) implements Step {
        }

        record Line(String text) implements Step {
        }

        record EndOfInput() implements Step {
        }

        record Closed(WebSocketClient on, int code, String reason) implements Step {
        }
    }

    /**
     * Joins the chat at {@code uri} (which already carries {@code ?name=}), chats until
     * {@code input} ends or the server closes for good, and returns the exit code: 0 after a clean
     * close (ours), 1 otherwise. When the connection drops, it comes back by itself with the token
     * and the last seq it saw ({@code &token=&since=}), waiting longer each time, with jitter.
     *
     * @param input read on a thread of its own (a daemon: standard input cannot be interrupted)
     */
    public int run(URI uri, Iterable<String> input) throws InterruptedException {
        BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
        AtomicLong lastSeq = new AtomicLong(-1); // the last seq printed: an event twice is printed once
        WebSocketClient client = null;
        try {
            Connected first = connect(uri, steps, lastSeq);
            client = first.client();
            if (first.failure() != null) {
                err.println("cannot connect to " + uri + ": " + first.failure());
                return 1;
            }
            Step step = awaitWelcome(steps, client);
            if (!(step instanceof Step.Welcomed welcomed)) {
                return ended(step);
            }
            startReading(input, steps);
            long sent = 0;
            long echoed = 0;
            boolean inputEnded = false;
            while (!inputEnded || echoed < sent) {
                step = inputEnded ? steps.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) : steps.take();
                if (step == null) {
                    return ended(null);
                } else if (step instanceof Step.Line line && !line.text().isBlank()) {
                    client.send(ChatCodec.encodeMessage(line.text()));
                    sent++;
                } else if (step instanceof Step.MessageFrom message && message.on() == client
                        && message.from().equals(welcomed.you())) {
                    echoed++;
                } else if (step instanceof Step.EndOfInput) {
                    inputEnded = true;
                } else if (step instanceof Step.Closed closed && closed.on() == client) {
                    if (!resumable(closed)) {
                        return ended(step);
                    }
                    err.println("disconnected: " + describe(closed) + "; coming back");
                    client.closeBlocking();
                    client = null;
                    Step back = resume(uri, welcomed, steps, lastSeq);
                    if (!(back instanceof Step.Welcomed again)) {
                        return ended(back);
                    }
                    client = again.on();
                    welcomed = again;
                    echoed += again.ownInHistory();
                    if (echoed < sent) {
                        err.println("! " + (sent - echoed) + " message(s) may not have reached the server before the drop");
                        sent = echoed;
                    }
                }
            }
            client.closeBlocking();
            return 0;
        } finally {
            if (client != null) {
                client.closeBlocking(); // no-op when closed; ends the library's threads otherwise
            }
        }
    }

    /** A connection, and why it did not open (null when it did); no connection when TLS failed before it. */
    private record Connected(WebSocketClient client, String failure) {
    }

    private Connected connect(URI uri, BlockingQueue<Step> steps, AtomicLong lastSeq) throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean opened = new AtomicBoolean();
        AtomicReference<String> refusal = new AtomicReference<>("");
        WebSocketClient client = new WebSocketClient(uri, draft()) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                opened.set(true);
                if (firstMessage != null) {
                    send(firstMessage);
                }
            }

            @Override
            public void onMessage(String message) {
                JsonNode event = parseQuietly(message);
                String type = event.path("type").asText();
                long seq = event.path("seq").asLong(-1);
                if (event.has("seq") && seq <= lastSeq.get()) {
                    return; // seen already: at-least-once delivery, deduplicated by seq
                }
                synchronized (out) {
                    lines.format(message).forEach(out::println);
                }
                if (event.has("seq")) {
                    lastSeq.set(seq);
                }
                if (type.equals("welcome")) {
                    String you = event.path("you").asText();
                    int own = 0;
                    for (JsonNode old : event.path("history")) {
                        own += old.path("from").asText().equals(you) && lastSeq.get() >= 0 ? 1 : 0;
                    }
                    lastSeq.set(event.path("lastSeq").asLong());
                    steps.add(new Step.Welcomed(this, you, event.path("token").asText(), event.path("lastSeq").asLong(), own));
                } else if (type.equals("message")) {
                    steps.add(new Step.MessageFrom(this, event.path("from").asText()));
                }
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                refusal.set(reason);
                steps.add(new Step.Closed(this, code, reason));
            }

            @Override
            public void onError(Exception error) {
                failure.set(error);
            }
        };
        if ("wss".equalsIgnoreCase(uri.getScheme())) {
            try {
                client.setSocket(tlsSocket(uri));
            } catch (IOException | java.security.GeneralSecurityException e) {
                // the library's client never started: nothing of it to close
                return new Connected(null, TlsFailure.describe(e).orElseGet(() -> e.getMessage() != null
                        ? e.getMessage() : e.getClass().getSimpleName()));
            }
        }
        if (!client.connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && !opened.get()) {
            client.closeBlocking();
            Exception error = failure.get();
            String why = error != null ? TlsFailure.describe(error).orElseGet(() -> error.getMessage() != null
                    ? error.getMessage() : error.getClass().getSimpleName())
                    : refusal.get().isEmpty() ? "no answer" : refusal.get();
            return new Connected(client, why);
        }
        return new Connected(client, null);
    }

    /**
     * For {@code wss://}: a TLS socket with its handshake done, for the library's client to speak
     * WebSocket over (RFC 6455 §4.1: TLS first, then the upgrade inside it). Done here rather than by
     * the library so that a refused certificate is this thread's exception, which names the check
     * that failed; the library reports it from one of its own threads, or not at all when another of
     * them sees the socket close first. The certificate must chain to the options' trust (the JDK's
     * trust store, or {@code --trust}) and name the URL's host (the JDK's "HTTPS" identification,
     * RFC 2818 §3.1) unless the options say otherwise; the host goes out as SNI (RFC 6066 §3), which
     * the JDK leaves out for a name without a dot such as localhost, and which an IP literal never has.
     */
    private SSLSocket tlsSocket(URI uri) throws IOException, java.security.GeneralSecurityException {
        SSLContext context = options.trust() != null ? options.trust() : SSLContext.getDefault();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(options.verifyHostname() ? "HTTPS" : null);
            if (!host.contains(":") && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(host, uri.getPort() != -1 ? uri.getPort() : 443), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            socket.setSoTimeout(0); // from here on the library reads, and the server's Pings keep us alive
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * RFC 6455 only; with compression, the library's permessage-deflate as the guard closes its gaps
     * (an inflater bounded by the message limit, the answer checked as RFC 7692 §7 says).
     */
    private Draft draft() {
        return options.deflate() ? new GuardedDraft(Limits.MAX_MESSAGE_BYTES, true) : new Draft_6455();
    }

    /** Opened, though perhaps closed already (a refused name): the welcome, or the end. */
    private static Step awaitWelcome(BlockingQueue<Step> steps, WebSocketClient client) throws InterruptedException {
        List<Step> later = new ArrayList<>();
        try {
            while (true) {
                Step step = steps.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (step == null || step instanceof Step.Welcomed welcomed && welcomed.on() == client
                        || step instanceof Step.Closed closed && closed.on() == client) {
                    return step;
                }
                if (step instanceof Step.Line || step instanceof Step.EndOfInput) {
                    later.add(step); // input typed while away is sent once back
                }
            }
        } finally {
            steps.addAll(later);
        }
    }

    /**
     * Comes back as the member of {@code last}: waits 0.5 s, 1 s, 2 s, ... (at most 30 s), each
     * times a random 0.5–1, so that the members of a server that went away do not all return in
     * the same instant; gives up after {@link #MAX_ATTEMPTS} attempts. Returns the new welcome, or
     * the Close that refused it, or null.
     */
    private Step resume(URI uri, Step.Welcomed last, BlockingQueue<Step> steps, AtomicLong lastSeq) throws InterruptedException {
        URI again = URI.create(uri + "&token=" + URLEncoder.encode(last.token(), StandardCharsets.UTF_8)
                + "&since=" + Math.max(0, lastSeq.get()));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << attempt);
            // A wait on purpose, the backoff itself: nothing is there to wait for. Lines typed
            // meanwhile stay in the queue of steps and are sent once the member is back.
            Thread.sleep((long) (backoff * (0.5 + ThreadLocalRandom.current().nextDouble() / 2)));
            Connected connected = connect(again, steps, lastSeq);
            if (connected.failure() != null) {
                err.println("cannot connect to " + uri + ": " + connected.failure());
                continue;
            }
            Step step = awaitWelcome(steps, connected.client());
            if (step instanceof Step.Welcomed) {
                return step;
            }
            connected.client().closeBlocking();
            if (step instanceof Step.Closed closed && !resumable(closed)) {
                return step;
            }
        }
        err.println("gave up after " + MAX_ATTEMPTS + " attempts to come back");
        return new Step.Closed(null, 1006, "gave up");
    }

    /** 1000 is a leaving, 1008 (but too slow) a refusal, 4000 another connection took over: none is worth a retry. */
    private static boolean resumable(Step.Closed closed) {
        return closed.code() != 1000 && closed.code() != ChatLimits.CLOSE_REPLACED
                && !(closed.code() == 1008 && !"too slow".equals(closed.reason()));
    }

    private static String describe(Step.Closed closed) {
        return closed.code() + (closed.reason() == null || closed.reason().isEmpty() ? "" : " " + closed.reason());
    }

    private int ended(Step step) {
        if (step instanceof Step.Closed closed) {
            if (closed.on() != null) {
                err.println("disconnected: " + describe(closed));
            }
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
}
