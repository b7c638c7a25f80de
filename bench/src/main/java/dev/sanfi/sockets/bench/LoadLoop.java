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
import java.util.function.IntFunction;
import java.util.zip.DataFormatException;
import javax.net.ssl.SSLContext;

/**
 * Many WebSocket connections on one thread: a {@link Selector}, non-blocking {@link SocketChannel}s,
 * and {@link Wire} for the bytes. A {@link Driver} decides what to send; the loop opens connections
 * a few at a time, moves bytes (through TLS for {@code wss://}), joins fragments into messages,
 * inflates compressed ones, answers Pings and Closes, and writes each connection's queued frames in
 * one write per round.
 */
final class LoadLoop implements AutoCloseable {

    /** What a load does with the connections. Every method runs on the loop's thread. */
    interface Driver {
        void opened(Connection connection, long now);

        /** A whole message's payload, {@code array[offset, offset + length)}; valid only during the call. */
        void message(Connection connection, int opcode, byte[] array, int offset, int length, long now);

        /** Once per round of the loop, after the reads: the place for timed sends. */
        default void tick(long now) {
        }

        /** When {@link #tick} has the next send due (System.nanoTime), so that the loop does not sleep past it. */
        default long nextDue(long now) {
            return now + MAX_WAIT_NANOS;
        }
    }

    /** The longest the loop waits for the sockets in one round. */
    static final long MAX_WAIT_NANOS = 10_000_000;

    /**
     * How the load connects.
     *
     * @param trust   for {@code wss://}: the certificates to trust (null: the JDK's default trust)
     * @param deflate whether to offer permessage-deflate (RFC 7692)
     */
    record Options(SSLContext trust, boolean deflate) {
        static Options plain() {
            return new Options(null, false);
        }
    }

    /**
     * Connections in their opening handshakes at once: more would overflow a server's accept queue
     * (the JDK's default backlog is 50), and each dropped SYN costs a second of TCP retransmission.
     */
    static final int MAX_OPENING = 50;
    /** The largest message the loop assembles or inflates; the contract's limit. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final Selector selector;
    private final InetSocketAddress address;
    private final String host;
    private final String hostPort;
    private final boolean secure;
    private final SSLContext tls;
    private final Options options;
    private final List<Connection> connections = new ArrayList<>();
    private final ArrayDeque<Connection> dirty = new ArrayDeque<>();
    private final Wire.Reader reader = new Wire.Reader();
    private final Random random = new Random();
    private final Driver driver;
    private int maskState;
    private int open;
    private int failed;
    private final List<String> failures = new ArrayList<>();
    private IntFunction<String> targets;
    private int toOpen;
    /** Connections started and not yet open (or failed). */
    private int opening;

    LoadLoop(URI server, Options options, Driver driver) throws IOException {
        String scheme = server.getScheme();
        if (!("ws".equals(scheme) || "wss".equals(scheme)) || server.getHost() == null || server.getPort() < 0) {
            throw new IllegalArgumentException("need ws://HOST:PORT/... or wss://HOST:PORT/..., got " + server);
        }
        this.secure = "wss".equals(scheme);
        this.options = options;
        try {
            this.tls = secure ? (options.trust() != null ? options.trust() : SSLContext.getDefault()) : null;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this JDK: " + e.getMessage(), e);
        }
        this.selector = Selector.open();
        this.host = server.getHost();
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

    /** Bytes on the wire so far, both ways, over every connection (TLS records and all). */
    long socketBytes() {
        long total = 0;
        for (Connection connection : connections) {
            if (connection.transport != null) {
                total += connection.transport.socketBytesRead() + connection.transport.socketBytesWritten();
            }
        }
        return total;
    }

    /**
     * Opens {@code count} connections, the i-th to {@code target.apply(i)} (path and query), at most
     * {@link #MAX_OPENING} at a time; the rounds of {@link #runUntil} start them and do the upgrades.
     */
    void open(int count, IntFunction<String> target) {
        this.targets = target;
        this.toOpen += count;
    }

    private void startOpening() throws IOException {
        while (toOpen > 0 && opening < MAX_OPENING) {
            connect(targets.apply(connections.size()));
            toOpen--;
        }
    }

    private void connect(String target) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Connection connection = new Connection(connections.size(), channel, Base64.getEncoder().encodeToString(nonce));
        connection.transport = secure
                ? new TlsTransport(channel, tls, host, address.getPort())
                : new Transport.Plain(channel);
        connections.add(connection);
        opening++;
        connection.reserve(512).put(Wire.upgradeRequest(hostPort, target, connection.key,
                options.deflate() ? PerMessageDeflate.OFFER : null));
        connection.dirty = false;
        if (channel.connect(address)) {
            connection.state = Connection.State.HANDSHAKING;
            connection.selectionKey = channel.register(selector, SelectionKey.OP_READ, connection);
            flush(connection);
        } else {
            connection.selectionKey = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        }
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

    /** Queues one message in one frame, compressed when the server agreed to (RFC 7692 §6.1). */
    void send(Connection connection, int opcode, byte[] payload, int length) {
        if (connection.state != Connection.State.OPEN) {
            return;
        }
        boolean compressed = connection.deflate != null && opcode < Wire.CLOSE;
        byte[] bytes = payload;
        if (compressed) {
            bytes = connection.deflate.compress(payload, 0, length);
            length = bytes.length;
        }
        queue(connection, opcode, compressed, bytes, length);
    }

    private void queue(Connection connection, int opcode, boolean rsv1, byte[] payload, int length) {
        boolean wasDirty = connection.dirty;
        Wire.putMaskedFrame(connection.reserve(Wire.maskedFrameSize(length)), opcode, rsv1, payload, 0, length,
                nextMask());
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
            startOpening();
            // A send due within the next millisecond waits a millisecond at most (select's unit); its
            // latency counts from when it was due, so the wait is in the numbers, not hidden.
            long wait = Math.min(Math.min(deadline, driver.nextDue(now)) - now, MAX_WAIT_NANOS);
            if (wait <= 0) {
                selector.selectNow();
            } else {
                selector.select(Math.max(1, wait / 1_000_000));
            }
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
        } catch (IOException | RuntimeException e) {
            lost(connection, e.toString());
        }
    }

    private void read(Connection connection) throws IOException {
        do {
            ByteBuffer in = connection.in;
            in.compact();
            int n = connection.transport.read(in);
            in.flip();
            if (n < 0) {
                lost(connection, "end of stream");
                return;
            }
            long now = System.nanoTime();
            if (connection.state == Connection.State.HANDSHAKING && !finishHandshake(connection, now)) {
                break;
            }
            frames(connection, now);
        } while (connection.transport.hasBufferedInput() && connection.state != Connection.State.CLOSED);
        if (connection.dirty || connection.transport.hasPendingOutput() || connection.out.position() > 0) {
            flush(connection);
        }
    }

    private void frames(Connection connection, long now) throws IOException {
        ByteBuffer in = connection.in;
        while (connection.state == Connection.State.OPEN || connection.state == Connection.State.CLOSING) {
            if (!reader.next(in)) {
                if (reader.needed > in.capacity()) {
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(reader.needed, in.capacity() * 2L));
                    bigger.put(in).flip();
                    connection.in = bigger;
                }
                return;
            }
            byte[] array = in.array();
            switch (reader.opcode) {
                case Wire.PING -> {
                    byte[] payload = new byte[reader.payloadLength];
                    System.arraycopy(array, reader.payloadOffset, payload, 0, payload.length);
                    queue(connection, Wire.PONG, false, payload, payload.length);
                }
                case Wire.PONG -> {
                }
                case Wire.CLOSE -> closeReceived(connection, array, reader.payloadOffset, reader.payloadLength);
                default -> data(connection, array, now);
            }
        }
    }

    /** A data frame: a whole message at once, or a fragment to join with the others (RFC 6455 §5.4). */
    private void data(Connection connection, byte[] array, long now) throws IOException {
        if (connection.state != Connection.State.OPEN) {
            return;
        }
        int opcode = reader.opcode;
        if (opcode != Wire.CONTINUATION && connection.fragments == null && reader.fin) {
            deliver(connection, opcode, reader.rsv1, array, reader.payloadOffset, reader.payloadLength, now);
            return;
        }
        if (opcode != Wire.CONTINUATION) {
            connection.fragmentsOpcode = opcode;
            connection.fragmentsCompressed = reader.rsv1;
            connection.fragmentsSize = 0;
        }
        if ((long) connection.fragmentsSize + reader.payloadLength > MAX_MESSAGE_BYTES) {
            throw new IOException("a message of more than " + MAX_MESSAGE_BYTES + " bytes");
        }
        connection.appendFragment(array, reader.payloadOffset, reader.payloadLength);
        if (reader.fin) {
            byte[] message = connection.fragments;
            int size = connection.fragmentsSize;
            connection.fragments = null;
            connection.fragmentsSize = 0;
            deliver(connection, connection.fragmentsOpcode, connection.fragmentsCompressed, message, 0, size, now);
        }
    }

    private void deliver(Connection connection, int opcode, boolean compressed, byte[] array, int offset, int length,
                         long now) throws IOException {
        if (compressed) {
            if (connection.deflate == null) {
                throw new IOException("RSV1 set, but no extension was agreed (RFC 6455 §5.2)");
            }
            try {
                array = connection.deflate.inflate(array, offset, length, MAX_MESSAGE_BYTES);
            } catch (DataFormatException e) {
                throw new IOException("a compressed message that does not inflate: " + e.getMessage(), e);
            }
            offset = 0;
            length = array.length;
        }
        driver.message(connection, opcode, array, offset, length, now);
    }

    private boolean finishHandshake(Connection connection, long now) throws IOException {
        ByteBuffer in = connection.in;
        int end = indexOfBlankLine(in);
        if (end < 0) {
            if (in.limit() == in.capacity()) {
                lost(connection, "response head too long");
            }
            return false;
        }
        String head = new String(in.array(), in.arrayOffset() + in.position(), end - in.position(),
                StandardCharsets.ISO_8859_1);
        in.position(end + 4);
        String problem = Wire.checkUpgradeResponse(head, connection.key);
        if (problem == null) {
            try {
                connection.deflate = options.deflate()
                        ? PerMessageDeflate.accept(Wire.headerValue(head, "Sec-WebSocket-Extensions"))
                        : null;
                if (!options.deflate() && Wire.headerValue(head, "Sec-WebSocket-Extensions") != null) {
                    problem = "an extension nobody offered: " + Wire.headerValue(head, "Sec-WebSocket-Extensions");
                }
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            lost(connection, "upgrade refused: " + problem);
            return false;
        }
        connection.state = Connection.State.OPEN;
        opening--;
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
            queue(connection, Wire.CLOSE, false, code, code.length);
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
            } catch (IOException | RuntimeException e) {
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
        connection.transport.write(out);
        out.compact();
        boolean pending = out.position() > 0 || connection.transport.hasPendingOutput();
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
        } else if (connection.state != Connection.State.CLOSED) {
            opening--;
        }
        connection.state = Connection.State.CLOSED;
        if (connection.selectionKey != null) {
            connection.selectionKey.cancel();
        }
        if (connection.deflate != null) {
            connection.deflate.end();
        }
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
        toOpen = 0;
        byte[] normal = {0x03, (byte) 0xE8};
        for (Connection connection : connections) {
            connection.closedByUs = true;
            if (connection.state == Connection.State.OPEN) {
                queue(connection, Wire.CLOSE, false, normal, normal.length);
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
