package dev.sanfi.sockets.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat member for tests, on a plain socket with its own small frame reader and writer, so that
 * the tests share no code with Java-WebSocket. A thread reads every frame as it arrives (a member
 * that reads promptly); {@link #stalled} makes one that never reads after the handshake.
 */
final class WireMember implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** RFC 6455 §5.7's sample mask key, fixed so that frames are byte-exact. */
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};
    /** The §1.3 sample key; the accept value is not checked here (the library is trusted for that). */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** A frame from the server; {@code END} when the socket reached its end. */
    record Frame(int opcode, byte[] payload) {
        static final Frame END = new Frame(-1, new byte[0]);

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final String statusLine;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;

    private WireMember(Socket socket, String statusLine, boolean read) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.statusLine = statusLine;
        if (read && statusLine.contains(" 101 ")) {
            socket.setSoTimeout(0); // a reading member waits as long as the test; close() ends it
            InputStream in = socket.getInputStream();
            reader = new Thread(() -> readFrames(in), "wire-member-reader");
            reader.setDaemon(true);
            reader.start();
        } else {
            reader = null;
        }
    }

    /** Joins as {@code name} and reads promptly. */
    static WireMember join(int port, String name) throws IOException {
        WireMember member = upgrade(port, "/chat?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), Map.of());
        assertThat(member.statusLine()).contains(" 101 ");
        return member;
    }

    /** Sends an upgrade request for {@code target} with extra headers; reads frames if it succeeds. */
    static WireMember upgrade(int port, String target, Map<String, String> headers) throws IOException {
        return connect(port, target, headers, 0, true);
    }

    /**
     * Joins as {@code name} with a tiny receive buffer, then never reads again: the member whose
     * unsent data piles up on the server.
     */
    static WireMember stalled(int port, String name) throws IOException {
        WireMember member = connect(port, "/chat?name=" + name, Map.of(), 4096, false);
        assertThat(member.statusLine()).contains(" 101 ");
        return member;
    }

    private static WireMember connect(int port, String target, Map<String, String> headers, int receiveBuffer,
            boolean read) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window is small from the start
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(KEY).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        return new WireMember(socket, readHead(socket.getInputStream()), read);
    }

    /** Reads the response head byte by byte, so that no frame byte after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.lines().findFirst().orElse("");
    }

    String statusLine() {
        return statusLine;
    }

    void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendMessage(String text) throws IOException {
        sendText(ChatCodec.encodeMessage(text));
    }

    void sendClose(int code) throws IOException {
        sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** One final, masked frame (RFC 6455 §5.2, §5.3). */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(true, opcode, payload);
    }

    /** One masked frame, final or not (a fragment of a message, RFC 6455 §5.4). */
    synchronized void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length < 126) {
            header.put((byte) (0x80 | payload.length));
        } else if (payload.length <= 0xffff) {
            header.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            header.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        header.put(MASK);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        out.write(header.array(), 0, header.position());
        out.write(masked);
        out.flush();
    }

    /** The next frame, waiting at most {@link #TIMEOUT}; fails the test when none comes. */
    Frame nextFrame() throws InterruptedException {
        Frame frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within %s", TIMEOUT).isNotNull();
        return frame;
    }

    /** The next event: a text frame, parsed. */
    JsonNode nextEvent() throws InterruptedException {
        Frame frame = nextFrame();
        assertThat(frame.opcode()).as("a text frame, got opcode %d: %s", frame.opcode(), frame.text()).isEqualTo(0x1);
        return ChatCodec.parse(frame.text());
    }

    /** The next event of a type, skipping others; for tests that do not care about joins. */
    JsonNode nextEvent(String type) throws InterruptedException {
        while (true) {
            JsonNode event = nextEvent();
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
    }

    /** Every event up to and including the first that matches, in order. */
    List<JsonNode> eventsUntil(java.util.function.Predicate<JsonNode> last) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode event = nextEvent();
            events.add(event);
            if (last.test(event)) {
                return events;
            }
        }
    }

    /** The event already received, if any, without waiting. */
    Frame pollFrame() {
        return frames.poll();
    }

    /**
     * For a stalled member: starts reading now and drains everything until the server closes the
     * socket. Returns true when the end came within the timeout.
     */
    boolean drainsToEnd() throws IOException {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // discard: only the end matters
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server: closed as well
        }
    }

    private void readFrames(InputStream raw) {
        DataInputStream in = new DataInputStream(raw);
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                frames.add(new Frame(first & 0x0f, payload));
            }
        } catch (EOFException | java.net.SocketException e) {
            frames.add(Frame.END);
        } catch (IOException e) {
            frames.add(Frame.END);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (reader != null) {
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
