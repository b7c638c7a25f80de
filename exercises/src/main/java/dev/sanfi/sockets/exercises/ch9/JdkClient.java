package dev.sanfi.sockets.exercises.ch9;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.EchoClientSession;
import dev.sanfi.sockets.common.Limits;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chapter 9, exercise 1: the JDK's own client, {@link java.net.http.WebSocket}, as a row of the
 * matrix — an {@link EchoClientSession} like every module's client. What the adapter has to do is
 * what the JDK leaves to its user: it hands a message over in parts, asks for each next part with
 * {@code request(1)}, and reports a connection that breaks without a Close through {@code onError}
 * alone, which {@link ClientEvents} calls 1006.
 */
public final class JdkClient implements EchoClientSession {

    private final HttpClient http;
    private final WebSocket socket;

    private JdkClient(HttpClient http, WebSocket socket) {
        this.http = http;
        this.socket = socket;
    }

    /** A {@link EchoClientSession.Connector}: {@code JdkClient::connect}. Only the options' trust applies. */
    public static JdkClient connect(URI uri, ClientOptions options, ClientEvents events) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Limits.HANDSHAKE_TIMEOUT);
        if (options.trust() != null) {
            builder.sslContext(options.trust());
        }
        HttpClient http = builder.build();
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .connectTimeout(Limits.HANDSHAKE_TIMEOUT)
                    .buildAsync(uri, new Parts(events))
                    .get(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new JdkClient(http, socket);
        } catch (Exception e) {
            release(http);
            throw e;
        }
    }

    @Override
    public void sendText(String text) throws Exception {
        sent(socket.sendText(text, true));
    }

    @Override
    public void sendBinary(byte[] data) throws Exception {
        sent(socket.sendBinary(ByteBuffer.wrap(data), true));
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        sent(socket.sendClose(code, reason));
    }

    @Override
    public void close() {
        socket.abort();
        release(http);
    }

    /** The JDK allows one send at a time: each waits for the last, within a bound. */
    private static void sent(CompletableFuture<WebSocket> send) throws Exception {
        send.get(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** JDK 17's HttpClient has no close (its thread ends once it is unreachable); from JDK 21 on it has one. */
    private static void release(HttpClient http) {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("the JDK's HttpClient did not close", e);
            }
        }
    }

    /** Puts each message together from its parts and asks for the next part; one close, whichever way. */
    private static final class Parts implements WebSocket.Listener {
        private final ClientEvents events;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final AtomicBoolean closed = new AtomicBoolean();

        Parts(ClientEvents events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                events.onText(text.toString());
                text.setLength(0);
            }
            socket.request(1); // the JDK's demand: one more part, please
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer part, boolean last) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                events.onBinary(binary.toByteArray());
                binary.reset();
            }
            socket.request(1);
            return null;
        }

        /** Returning null: the JDK answers the Close at once, with the same code (RFC 6455 §5.5.1). */
        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            if (closed.compareAndSet(false, true)) {
                events.onClose(code, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.onError(error);
            if (closed.compareAndSet(false, true)) {
                events.onClose(CloseCodes.ABNORMAL_CLOSURE, error.toString()); // no Close frame came (§7.1.5)
            }
        }
    }
}
