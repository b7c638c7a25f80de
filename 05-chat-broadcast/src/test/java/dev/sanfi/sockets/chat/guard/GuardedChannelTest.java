package dev.sanfi.sockets.chat.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GuardedChannel} between a plain client socket and a Java-WebSocket connection, driven the
 * way the library's selector thread drives it: {@code read} for what arrived, then the library's own
 * write step ({@link SocketChannelIOHelper#batch}), whose result says whether the selector may set
 * the socket's interest back to read only.
 *
 * <p>Why it matters: a worker thread queues the refusal's Close at any moment; if the selector drops
 * write interest just after the worker asked for it, the Close is never written.
 */
class GuardedChannelTest {

    private static final int LIMIT = 1000;
    private static final byte[] HEAD = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel accepted;
    private CloseLinger linger;
    private WebSocketImpl connection;
    private GuardedChannel channel;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        accepted = listener.accept();
        linger = new CloseLinger(Duration.ofSeconds(2));
        connection = new WebSocketImpl(new QuietListener(), new Draft_6455());
        channel = new GuardedChannel(accepted, connection, 8192, LIMIT, linger);
        connection.setChannel(channel);
    }

    @AfterEach
    void closeEverything() throws Exception {
        channel.close();
        linger.close();
        CloseLinger.closeQuietly(accepted);
        CloseLinger.closeQuietly(client);
        listener.close();
    }

    /** Sends the bytes from the client and has the channel read all of them, as the selector would. */
    private void arrive(byte[] bytes) throws IOException {
        client.write(ByteBuffer.wrap(bytes));
        ByteBuffer dst = ByteBuffer.allocate(bytes.length);
        int consumed = 0;
        while (consumed < bytes.length) {
            int n = channel.read(dst); // blocking socket: waits for the bytes just sent
            assertThat(n).as("bytes handed to the library").isPositive();
            consumed += n;
        }
    }

    /** The library's write step with nothing queued: true lets the selector drop write interest. */
    private boolean selectorMayDropWriteInterest() throws IOException {
        assertThat(connection.outQueue).as("nothing queued yet").isEmpty();
        return SocketChannelIOHelper.batch(connection, channel);
    }

    @Test
    @DisplayName("ordinary frames: once everything queued is written, write interest may go (no busy selector)")
    void ordinaryFramesLetWriteInterestGo() throws IOException {
        arrive(concat(HEAD, Frame.concat(Frame.text("hello"), Frame.ping(new byte[0]))));
        assertThat(selectorMayDropWriteInterest()).isTrue();
    }

    @Test
    @DisplayName("a refused frame: write interest stays until the library closes the channel, so the Close a worker queues is written")
    void refusalKeepsWriteInterestUntilClosed() throws IOException {
        byte[] oversized = Frame.text(new byte[LIMIT + 1]).toBytes();
        arrive(concat(HEAD, oversized));
        assertThat(channel.refusal()).hasValueSatisfying(refusal -> assertThat(refusal.code()).isEqualTo(1009));
        assertThat(selectorMayDropWriteInterest()).isFalse();

        channel.close(); // what the library does right after our Close is written
        assertThat(selectorMayDropWriteInterest()).isTrue();
    }

    @Test
    @DisplayName("RFC 6455 §5.5.1: the client's Close keeps write interest until the library closes the channel, so the answer is written")
    void clientCloseKeepsWriteInterestUntilClosed() throws IOException {
        arrive(concat(HEAD, Frame.close(1000, "bye").toBytes()));
        assertThat(channel.refusal()).isEmpty();
        assertThat(selectorMayDropWriteInterest()).isFalse();

        channel.close();
        assertThat(selectorMayDropWriteInterest()).isTrue();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
