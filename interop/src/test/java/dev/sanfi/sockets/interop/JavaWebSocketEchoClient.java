package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.ClientEvents;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.Limits;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket's {@link WebSocketClient} (the library 05-chat-broadcast serves with), adapted to
 * {@link ClientEvents}. The library delivers whole messages and answers Pings by itself; it reports
 * 1006 when the connection ends without a Close frame, as {@link ClientEvents} wants.
 */
final class JavaWebSocketEchoClient implements PingingSession {

    private final Client client;

    private JavaWebSocketEchoClient(Client client) {
        this.client = client;
    }

    /** Connects with {@link ClientOptions#defaults()}: the JDK's trust store, no compression. */
    static JavaWebSocketEchoClient connect(URI uri, ClientEvents events) throws Exception {
        return connect(uri, ClientOptions.defaults(), events);
    }

    /**
     * Connects with the options' trust for {@code wss://} (the library checks the host name itself,
     * in {@code onSetSSLParameters}) and, when asked, offers permessage-deflate with the library's
     * own extension.
     *
     * @throws IllegalArgumentException without the host-name check, which this adapter does not turn off
     */
    static JavaWebSocketEchoClient connect(URI uri, ClientOptions options, ClientEvents events) throws Exception {
        if (!options.verifyHostname()) {
            throw new IllegalArgumentException("this Java-WebSocket client always checks the host name");
        }
        Draft_6455 draft = options.deflate() ? new Draft_6455(new PerMessageDeflateExtension()) : new Draft_6455();
        Client client = new Client(uri, draft, events);
        if (options.trust() != null) {
            client.setSocketFactory(options.trust().getSocketFactory());
        }
        // Its own lost-connection pinger is off: this session only lives as long as one test.
        client.setConnectionLostTimeout(0);
        client.setTcpNoDelay(true);
        if (!client.connectBlocking(Limits.HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no handshake");
            throw new IOException("cannot connect to " + uri);
        }
        return new JavaWebSocketEchoClient(client);
    }

    @Override
    public void sendText(String text) {
        client.send(text);
    }

    @Override
    public void sendBinary(byte[] data) {
        client.send(data);
    }

    @Override
    public void sendClose(int code, String reason) {
        client.close(code, reason);
    }

    @Override
    public CompletableFuture<byte[]> ping(byte[] payload) {
        CompletableFuture<byte[]> pong = new CompletableFuture<>();
        client.pong.set(pong);
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.wrap(payload));
        client.sendFrame(ping);
        return pong;
    }

    /** Drops the connection if it is still open and waits until the library's threads are done. */
    @Override
    public void close() {
        client.closeConnection(CloseFrame.ABNORMAL_CLOSE, "closed by the test");
        try {
            client.closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Client extends WebSocketClient {
        private final ClientEvents events;
        final AtomicReference<CompletableFuture<byte[]>> pong = new AtomicReference<>(new CompletableFuture<>());

        Client(URI uri, Draft_6455 draft, ClientEvents events) {
            super(uri, draft);
            this.events = events;
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            events.onText(message);
        }

        @Override
        public void onMessage(ByteBuffer message) {
            byte[] data = new byte[message.remaining()];
            message.get(data);
            events.onBinary(data);
        }

        @Override
        public void onWebsocketPong(WebSocket connection, Framedata frame) {
            ByteBuffer payload = frame.getPayloadData();
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            pong.get().complete(data);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            events.onClose(code, reason);
        }

        @Override
        public void onError(Exception error) {
            events.onError(error);
        }
    }
}
