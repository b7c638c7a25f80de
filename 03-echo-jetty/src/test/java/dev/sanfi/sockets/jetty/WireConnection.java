package dev.sanfi.sockets.jetty;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw TCP connection for tests: writes any HTTP request and any WebSocket frame (also invalid
 * ones), reads frames back. It shares no code with Jetty, so it can tell us what Jetty really sends.
 */
final class WireConnection implements AutoCloseable {

    /** RFC 6455 §1.3's sample key; its accept value is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=. */
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** A fixed mask key, so that the bytes on the wire are the same on every run. */
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private WireConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection; every read waits at most {@code readTimeout}. */
    static WireConnection open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return new WireConnection(socket);
    }

    /** Opens a connection and completes a valid upgrade to {@code /echo}. */
    static WireConnection upgraded(int port) throws IOException {
        WireConnection connection = open(port, Duration.ofSeconds(10));
        String head = connection.request(upgradeRequest(port, ""));
        if (!head.startsWith("HTTP/1.1 101")) {
            connection.close();
            throw new IOException("upgrade refused: " + head);
        }
        return connection;
    }

    static String upgradeRequest(int port, String extraHeaders) {
        return "GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    /** Sends the request and returns the response head (status line and headers), without the body. */
    String request(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads a body of the given length after {@link #request}. */
    byte[] readBody(int length) throws IOException {
        return new DataInputStream(in).readNBytes(length);
    }

    void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(true, opcode, payload);
    }

    /** A masked client frame (RFC 6455 §5.2, §5.3). */
    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write(encode(fin, opcode, payload));
        out.flush();
    }

    static byte[] encode(boolean fin, int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        frame.put(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ MASK[i % 4]));
        }
        byte[] bytes = new byte[frame.position()];
        frame.flip().get(bytes);
        return bytes;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame from the server, which must not be masked (RFC 6455 §5.1). */
    Frame readFrame() throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = second & 0x7f;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0f, payload);
    }

    /** True when the server has closed TCP: the next read ends the stream. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Frame(boolean fin, int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a Close frame (RFC 6455 §5.5.1), or -1 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }
}
