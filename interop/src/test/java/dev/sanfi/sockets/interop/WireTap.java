package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HttpResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay on the wire between one client and a plain {@code ws://} server, which records what
 * crosses it: the server's answer to the upgrade, the first data frame each way (its RSV1 bit says
 * whether that message was compressed, RFC 7692 §6), and the bytes each way. It sees every client
 * alike, whether or not its API shows the negotiated extensions. It reads each direction only as
 * far as it relays it, so it never holds more than one frame of either side.
 */
final class WireTap implements AutoCloseable {

    /** A frame bigger than this is not recorded: the matrix's messages are at most the limit, compressed or not. */
    private static final long MAX_RECORDED_PAYLOAD = 2L * Limits.MAX_MESSAGE_BYTES;
    /** An upgrade request head is at most this long (the servers' own limit is smaller). */
    private static final int MAX_REQUEST_HEAD = 16 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final Thread acceptor;
    private final CompletableFuture<HttpResponse> upgradeResponse = new CompletableFuture<>();
    private final CompletableFuture<Frame> firstFromClient = new CompletableFuture<>();
    private final CompletableFuture<Frame> firstFromServer = new CompletableFuture<>();
    private final AtomicLong bytesFromClient = new AtomicLong();
    private final AtomicLong bytesFromServer = new AtomicLong();
    private volatile Socket clientSide;
    private volatile Socket serverSide;
    private volatile Thread fromClient;
    private volatile Thread fromServer;

    private WireTap(ServerSocket listener, InetSocketAddress server) {
        this.listener = listener;
        this.server = server;
        this.acceptor = new Thread(this::relayOneConnection, "wire-tap-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Listens on a free port of 127.0.0.1 and relays the first connection to {@code server}. */
    static WireTap between(InetSocketAddress server) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout((int) RecordedEvents.TIMEOUT.toMillis());
        WireTap tap = new WireTap(listener, server);
        tap.acceptor.start();
        return tap;
    }

    /** The port a client dials instead of the server's. */
    int port() {
        return listener.getLocalPort();
    }

    /** The server's answer to the upgrade request, headers and all. */
    HttpResponse upgradeResponse() throws Exception {
        return await(upgradeResponse, "the server's answer to the upgrade");
    }

    /** The client's first text, binary or continuation frame, as it went to the server. */
    Frame firstDataFrameFromClient() throws Exception {
        return await(firstFromClient, "a data frame from the client");
    }

    /** The server's first text, binary or continuation frame, as it went to the client. */
    Frame firstDataFrameFromServer() throws Exception {
        return await(firstFromServer, "a data frame from the server");
    }

    /** Every byte the client sent so far, its upgrade request included. */
    long bytesFromClient() {
        return bytesFromClient.get();
    }

    /** Every byte the server sent so far, its answer to the upgrade included. */
    long bytesFromServer() {
        return bytesFromServer.get();
    }

    private void relayOneConnection() {
        try (Socket client = listener.accept(); Socket upstream = new Socket(server.getAddress(), server.getPort())) {
            clientSide = client;
            serverSide = upstream;
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            fromClient = relay(client, upstream, bytesFromClient, this::readClientSide, "client");
            fromServer = relay(upstream, client, bytesFromServer, this::readServerSide, "server");
            fromClient.join();
            fromServer.join();
        } catch (IOException | InterruptedException e) {
            String why = "the tap relayed no connection: " + e;
            upgradeResponse.completeExceptionally(new IOException(why, e));
        } finally {
            failUnrecorded();
        }
    }

    /** What the tap reads of one side: through the tee, which relays every byte it reads. */
    @FunctionalInterface
    private interface Reader {
        void read(InputStream tee) throws IOException;
    }

    private Thread relay(Socket from, Socket to, AtomicLong counter, Reader reader, String name) throws IOException {
        InputStream tee = new Tee(from.getInputStream(), to.getOutputStream(), counter);
        Thread thread = new Thread(() -> {
            try {
                reader.read(tee);
                tee.transferTo(OutputStream.nullOutputStream()); // the rest, relayed as it is read
                to.shutdownOutput(); // the side's end of stream, passed on
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            } finally {
                failUnrecorded();
            }
        }, "wire-tap-" + name + "-" + listener.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void readClientSide(InputStream tee) throws IOException {
        skipRequestHead(tee);
        firstFromClient.complete(firstDataFrame(tee));
    }

    private void readServerSide(InputStream tee) throws IOException {
        HttpResponse response = HttpResponse.read(tee);
        upgradeResponse.complete(response);
        if (response.status() == 101) {
            firstFromServer.complete(firstDataFrame(tee));
        }
    }

    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        for (int read = 0; matched < 4; read++) {
            int b = in.read();
            if (b == -1 || read == MAX_REQUEST_HEAD) {
                throw new IOException("no end of the upgrade request's head");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    private static Frame firstDataFrame(InputStream in) throws IOException {
        while (true) {
            Frame frame = Frame.read(in, MAX_RECORDED_PAYLOAD);
            if (!frame.isControl()) {
                return frame;
            }
        }
    }

    private void failUnrecorded() {
        IOException none = new IOException("the connection ended first");
        upgradeResponse.completeExceptionally(none);
        firstFromClient.completeExceptionally(none);
        firstFromServer.completeExceptionally(none);
    }

    private static <T> T await(CompletableFuture<T> recorded, String what) throws Exception {
        try {
            return recorded.get(RecordedEvents.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the tap saw no " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the tap saw no " + what + " within " + RecordedEvents.TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Closes both sides and the listener, and waits for the relay's threads. */
    @Override
    public void close() throws InterruptedException {
        closeQuietly(listener);
        closeQuietly(clientSide);
        closeQuietly(serverSide);
        acceptor.join(RecordedEvents.TIMEOUT.toMillis());
        for (Thread thread : new Thread[] {fromClient, fromServer}) {
            if (thread != null) {
                thread.join(RecordedEvents.TIMEOUT.toMillis());
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // already closed, or broken: either way, closed
            }
        }
    }

    /** An input stream that writes each byte it reads to the other side at once, and counts it. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream out;
        private final AtomicLong counter;

        Tee(InputStream in, OutputStream out, AtomicLong counter) {
            super(in);
            this.out = out;
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                out.write(b);
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                out.write(buffer, offset, n);
                counter.addAndGet(n);
            }
            return n;
        }

        /** Skipped bytes are relayed too: read, not skipped. */
        @Override
        public long skip(long n) throws IOException {
            return readNBytes((int) Math.min(n, 8192)).length;
        }
    }
}
