package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HandshakeRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A local measurement, not a test: N connections each keeping K small messages in flight against
 * an echo server, reporting throughput, latency percentiles and the slowest connection's share.
 * One client thread (like a Node load generator), so the server gets the other core.
 *
 * <pre>
 * java -cp ... dev.sanfi.sockets.jetty.FairnessProbe [connections] [inFlight] [seconds] [port]
 * </pre>
 * Without a port it starts a JettyEchoServer in this JVM. Results belong in chapter 6, not in CI.
 */
public final class FairnessProbe {

    private static final int PAYLOAD_BYTES = 32;

    private FairnessProbe() {
    }

    private static final class Connection {
        final SocketChannel channel;
        final ArrayDeque<Long> sentAt = new ArrayDeque<>();
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out = ByteBuffer.allocate(0);
        boolean upgraded;
        long echoes;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        EchoServer server = args.length > 3 ? null : JettyEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        int port = args.length > 3 ? Integer.parseInt(args[3]) : server.port();
        try {
            run(port, connections, inFlight, seconds);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void run(int port, int count, int inFlight, int seconds) throws IOException {
        byte[] payload = new byte[PAYLOAD_BYTES];
        Arrays.fill(payload, (byte) 'p');
        byte[] frame = Frame.text(payload).toBytes();
        int frameLength = 2 + PAYLOAD_BYTES; // the server's unmasked echo
        long[] latencies = new long[50_000_000];
        int recorded = 0;
        Selector selector = Selector.open();
        Connection[] all = new Connection[count];
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            all[i] = new Connection(channel);
            all[i].out = ByteBuffer.wrap(HandshakeRequest.upgrade("127.0.0.1:" + port).toBytes());
            channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, all[i]);
        }
        long start = System.nanoTime();
        long measureFrom = start + 1_000_000_000L; // one second of warm-up
        long end = measureFrom + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            selector.select(100);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection c = (Connection) key.attachment();
                if (key.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isReadable()) {
                    if (c.channel.read(c.in) < 0) {
                        throw new IOException("server closed a connection");
                    }
                    c.in.flip();
                    if (!c.upgraded) {
                        String text = StandardCharsets.ISO_8859_1.decode(c.in.duplicate()).toString();
                        int headEnd = text.indexOf("\r\n\r\n");
                        if (headEnd < 0) {
                            c.in.compact();
                            continue;
                        }
                        c.in.position(headEnd + 4);
                        c.upgraded = true;
                        ByteBuffer burst = ByteBuffer.allocate(frame.length * inFlight);
                        for (int i = 0; i < inFlight; i++) {
                            burst.put(frame);
                            c.sentAt.add(System.nanoTime());
                        }
                        burst.flip();
                        send(c, key, burst);
                    }
                    int replies = 0;
                    while (c.in.remaining() >= frameLength) {
                        c.in.position(c.in.position() + frameLength);
                        long now = System.nanoTime();
                        long sent = c.sentAt.poll();
                        if (now > measureFrom) {
                            latencies[recorded++] = now - sent;
                            c.echoes++;
                        }
                        replies++;
                    }
                    c.in.compact();
                    if (replies > 0) {
                        ByteBuffer more = ByteBuffer.allocate(frame.length * replies);
                        for (int i = 0; i < replies; i++) {
                            more.put(frame);
                            c.sentAt.add(System.nanoTime());
                        }
                        more.flip();
                        send(c, key, more);
                    }
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, recorded);
        Arrays.sort(sorted);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (Connection c : all) {
            min = Math.min(min, c.echoes);
            max = Math.max(max, c.echoes);
            c.channel.close();
        }
        selector.close();
        System.out.printf("%d connections x %d in flight, %d s: %.0f msg/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms,"
                        + " echoes per connection min %d / max %d%n",
                count, inFlight, seconds, recorded / (double) seconds, millis(sorted, 0.50), millis(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, min, max);
    }

    private static void send(Connection c, SelectionKey key, ByteBuffer bytes) throws IOException {
        if (c.out.hasRemaining()) {
            ByteBuffer joined = ByteBuffer.allocate(c.out.remaining() + bytes.remaining());
            joined.put(c.out).put(bytes).flip();
            c.out = joined;
        } else {
            c.out = bytes;
        }
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)] / 1e6;
    }
}
