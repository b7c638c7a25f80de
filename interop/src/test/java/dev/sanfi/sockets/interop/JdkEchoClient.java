package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.CloseCodes;
import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.EchoProtocol;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's own client, {@link java.net.http.WebSocket}, adapted to {@link ClientEvents}. The JDK
 * hands messages over in parts (a {@code last} flag on each), so they are put together here; it
 * answers the server's Pings by itself.
 */
final class JdkEchoClient implements PingingSession {

    private final HttpClient http;
    private final WebSocket socket;
    private final Listener listener;

    private JdkEchoClient(HttpClient http, WebSocket socket, Listener listener) {
        this.http = http;
        this.socket = socket;
        this.listener = listener;
    }

    /** Connects with {@link ClientOptions#defaults()}: the JDK's trust store, no compression. */
    static JdkEchoClient connect(URI uri, ClientEvents events) throws Exception {
        return connect(uri, ClientOptions.defaults(), events);
    }

    /**
     * Connects with the options' trust for {@code wss://}; the JDK always checks the host name.
     *
     * @throws IllegalArgumentException for options this client cannot honour: no host-name check
     *                                  (only a JDK-wide system property turns it off), or
     *                                  permessage-deflate (the JDK offers no extension at all)
     */
    static JdkEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws Exception {
        if (!options.verifyHostname() || options.deflate()) {
            throw new IllegalArgumentException("the JDK's WebSocket client always checks the host name and offers no extension");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Limits.HANDSHAKE_TIMEOUT);
        if (options.trust() != null) {
            builder.sslContext(options.trust());
        }
        HttpClient http = builder.build();
        Listener listener = new Listener(events);
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .connectTimeout(Limits.HANDSHAKE_TIMEOUT)
                    .buildAsync(uri, listener)
                    .get(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new JdkEchoClient(http, socket, listener);
        } catch (Exception e) {
            release(http);
            throw e;
        }
    }

    @Override
    public void sendText(String text) throws Exception {
        await(socket.sendText(text, true));
    }

    @Override
    public void sendBinary(byte[] data) throws Exception {
        await(socket.sendBinary(ByteBuffer.wrap(data), true));
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        await(socket.sendClose(code, reason));
    }

    @Override
    public CompletableFuture<byte[]> ping(byte[] payload) throws Exception {
        CompletableFuture<byte[]> pong = new CompletableFuture<>();
        listener.pong.set(pong);
        await(socket.sendPing(ByteBuffer.wrap(payload)));
        return pong;
    }

    @Override
    public void close() {
        socket.abort();
        release(http);
    }

    /**
     * JDK 17's HttpClient cannot be closed: its selector thread ends once the client is unreachable.
     * From JDK 21 on it is {@link AutoCloseable}, and then we close it at once.
     */
    private static void release(HttpClient http) {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the JDK HttpClient", e);
            }
        }
    }

    private static void await(CompletableFuture<WebSocket> sent) throws Exception {
        sent.get(RecordedEvents.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Puts the parts of each message together and reports whole messages, one close, and pongs. */
    private static final class Listener implements WebSocket.Listener {
        private final ClientEvents events;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final AtomicBoolean closed = new AtomicBoolean();
        final AtomicReference<CompletableFuture<byte[]>> pong = new AtomicReference<>(new CompletableFuture<>());

        Listener(ClientEvents events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                events.onText(message);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer part, boolean last) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                byte[] message = binary.toByteArray();
                binary.reset();
                events.onBinary(message);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            byte[] payload = new byte[message.remaining()];
            message.get(payload);
            pong.get().complete(payload);
            socket.request(1);
            return null;
        }

        /** Returning null lets the JDK answer the Close with the same code (RFC 6455 §5.5.1). */
        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (closed.compareAndSet(false, true)) {
                events.onClose(statusCode, reason);
            }
            return null;
        }

        /** The JDK ends the connection on any error without calling onClose: that is a 1006 for us. */
        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.onError(error);
            if (closed.compareAndSet(false, true)) {
                events.onClose(CloseCodes.ABNORMAL_CLOSURE, String.valueOf(error));
            }
        }
    }
}
