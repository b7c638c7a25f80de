package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Many WebSocket connections on one thread: a {@link Selector}, non-blocking {@link SocketChannel}s,
 * and {@link Wire} for the bytes. A {@link Driver} decides what to send; the loop moves bytes,
 * answers Pings and Closes, and writes each connection's queued frames in one write per round.
 */
final class LoadLoop implements AutoCloseable {

    /** What a load does with the connections. Every method runs on the loop's thread. */
    interface Driver {
        void opened(Connection connection, long now);

        /** A data frame's payload, {@code array[offset, offset + length)}; valid only during the call. */
        void message(Connection connection, int opcode, byte[] array, int offset, int length, long now);

        /** Once per round of the loop, after the reads: the place for timed sends. */
        default void tick(long now) {
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private final Selector selector;
    private final InetSocketAddress address;
    private final String hostPort;
    private final List<Connection> connections = new ArrayList<>();
    private final ArrayDeque<Connection> dirty = new ArrayDeque<>();
    private final Wire.Reader reader = new Wire.Reader();
    private final Random random = new Random();
    private final Driver driver;
    private int maskState;
    private int open;
    private int failed;
    private final List<String> failures = new ArrayList<>();

    LoadLoop(URI server, Driver driver) throws IOException {
        if (!"ws".equals(server.getScheme()) || server.getHost() == null || server.getPort() < 0) {
            throw new IllegalArgumentException("need ws://HOST:PORT/..., got " + server);
        }
        this.selector = Selector.open();
        this.address = new InetSocketAddress(server.getHost(), server.getPort());
        this.hostPort = server.getHost() + ":" + server.getPort();
        this.driver = driver;
        this.maskState = random.nextInt() | 1;
    }

    List<Connection> connections() {
        return connections;
    }

    int openCount() {
        return open;
    }

    int failedCount() {
        return failed;
    }

    List<String> failures() {
        return failures;
    }

    /** Starts one connection to {@code target} (path and query); the upgrade follows in the loop. */
    Connection connect(String target) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Connection connection = new Connection(connections.size(), channel, Base64.getEncoder().encodeToString(nonce));
        connections.add(connection);
        connection.reserve(512).put(Wire.upgradeRequest(hostPort, target, connection.key));
        connection.dirty = false;
        if (channel.connect(address)) {
            connection.state = Connection.State.HANDSHAKING;
            connection.selectionKey = channel.register(selector, SelectionKey.OP_READ, connection);
            flush(connection);
        } else {
            connection.selectionKey = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        }
        return connection;
    }

    /** A new mask key per frame, from a xorshift generator: cheap, and never the same twice in a row. */
    int nextMask() {
        int x = maskState;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        maskState = x;
        return x;
    }

    void send(Connection connection, int opcode, byte[] payload, int length) {
        if (connection.state != Connection.State.OPEN) {
            return;
        }
        boolean wasDirty = connection.dirty;
        Wire.putMaskedFrame(connection.reserve(Wire.maskedFrameSize(length)), opcode, payload, 0, length, nextMask());
        if (!wasDirty) {
            dirty.add(connection);
        }
    }

    /** Runs rounds until {@code deadline} (System.nanoTime) or until {@code done} says so. */
    void runUntil(long deadline, BooleanSupplier done) throws IOException {
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return;
            }
            long waitMillis = Math.max(1, Math.min(10, (deadline - now) / 1_000_000));
            selector.select(waitMillis);
            for (SelectionKey key : selector.selectedKeys()) {
                handle((Connection) key.attachment(), key);
            }
            selector.selectedKeys().clear();
            driver.tick(System.nanoTime());
            flushDirty();
        }
    }

    private void handle(Connection connection, SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                connection.channel.finishConnect();
                connection.state = Connection.State.HANDSHAKING;
                key.interestOps(SelectionKey.OP_READ);
                connection.dirty = true;
                flush(connection);
                return;
            }
            if (key.isWritable()) {
                flush(connection);
            }
            if (key.isReadable()) {
                read(connection);
            }
        } catch (IOException e) {
            lost(connection, e.toString());
        }
    }

    private void read(Connection connection) throws IOException {
        ByteBuffer in = connection.in;
        in.compact();
        int n = connection.channel.read(in);
        in.flip();
        if (n < 0) {
            lost(connection, "end of stream");
            return;
        }
        long now = System.nanoTime();
        if (connection.state == Connection.State.HANDSHAKING && !finishHandshake(connection, now)) {
            return;
        }
        while (connection.state == Connection.State.OPEN || connection.state == Connection.State.CLOSING) {
            if (!reader.next(in)) {
                if (reader.needed > in.capacity()) {
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(reader.needed, in.capacity() * 2L));
                    bigger.put(in).flip();
                    connection.in = bigger;
                }
                break;
            }
            switch (reader.opcode) {
                case Wire.PING -> {
                    byte[] payload = new byte[reader.payloadLength];
                    System.arraycopy(in.array(), reader.payloadOffset, payload, 0, payload.length);
                    send(connection, Wire.PONG, payload, payload.length);
                }
                case Wire.PONG -> {
                }
                case Wire.CLOSE -> closeReceived(connection, in.array(), reader.payloadOffset, reader.payloadLength);
                default -> {
                    if (connection.state == Connection.State.OPEN) {
                        driver.message(connection, reader.opcode, in.array(), reader.payloadOffset,
                                reader.payloadLength, now);
                    }
                }
            }
        }
        if (connection.dirty) {
            flush(connection);
        }
    }

    private boolean finishHandshake(Connection connection, long now) throws IOException {
        ByteBuffer in = connection.in;
        int end = indexOfBlankLine(in);
        if (end < 0) {
            if (!in.hasRemaining() || in.limit() == in.capacity()) {
                lost(connection, "response head too long");
            }
            return false;
        }
        String head = new String(in.array(), in.arrayOffset() + in.position(), end - in.position(),
                StandardCharsets.ISO_8859_1);
        in.position(end + 4);
        String problem = Wire.checkUpgradeResponse(head, connection.key);
        if (problem != null) {
            lost(connection, "upgrade refused: " + problem);
            return false;
        }
        connection.state = Connection.State.OPEN;
        open++;
        driver.opened(connection, now);
        return true;
    }

    private static int indexOfBlankLine(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void closeReceived(Connection connection, byte[] array, int offset, int length) throws IOException {
        connection.closeCode = length >= 2 ? ((array[offset] & 0xFF) << 8) | (array[offset + 1] & 0xFF) : 1005;
        if (connection.state == Connection.State.OPEN) {
            // The server closed first: answer with the same code (RFC 6455 §5.5.1), then it closes TCP.
            byte[] code = length >= 2 ? new byte[] {array[offset], array[offset + 1]} : EMPTY;
            send(connection, Wire.CLOSE, code, code.length);
            flush(connection);
            connection.state = Connection.State.CLOSING;
            if (!connection.closedByUs) {
                failures.add("connection " + connection.id + ": the server closed it with " + connection.closeCode);
            }
        }
        if (connection.closedByUs) {
            end(connection);
        }
    }

    private void flushDirty() {
        Connection connection;
        while ((connection = dirty.poll()) != null) {
            try {
                flush(connection);
            } catch (IOException e) {
                lost(connection, e.toString());
            }
        }
    }

    private void flush(Connection connection) throws IOException {
        if (connection.state == Connection.State.CONNECTING || connection.state == Connection.State.CLOSED) {
            return;
        }
        ByteBuffer out = connection.out;
        out.flip();
        connection.channel.write(out);
        out.compact();
        boolean pending = out.position() > 0;
        connection.dirty = pending;
        connection.selectionKey.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void lost(Connection connection, String why) {
        if (connection.state == Connection.State.CLOSED) {
            return;
        }
        boolean expected = connection.closedByUs || connection.state == Connection.State.CLOSING;
        if (!expected) {
            failed++;
            failures.add("connection " + connection.id + ": " + why);
        }
        end(connection);
    }

    private void end(Connection connection) {
        if (connection.state == Connection.State.OPEN || connection.state == Connection.State.CLOSING) {
            open--;
        }
        connection.state = Connection.State.CLOSED;
        connection.selectionKey.cancel();
        try {
            connection.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /**
     * Sends Close 1000 on every open connection, reads until the servers' Closes (or the end of
     * their streams) arrive or {@code graceNanos} pass, then closes every socket and the selector.
     */
    void closeAll(long graceNanos) throws IOException {
        byte[] normal = {0x03, (byte) 0xE8};
        for (Connection connection : connections) {
            connection.closedByUs = true;
            if (connection.state == Connection.State.OPEN) {
                send(connection, Wire.CLOSE, normal, normal.length);
                connection.state = Connection.State.CLOSING;
            }
        }
        flushDirty();
        runUntil(System.nanoTime() + graceNanos, () -> connections.stream()
                .allMatch(c -> c.state == Connection.State.CLOSED || c.closeCode >= 0));
        close();
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : connections) {
            end(connection);
        }
        selector.close();
    }
}
