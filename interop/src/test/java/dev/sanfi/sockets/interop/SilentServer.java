package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoPage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server that has gone quiet without closing: it serves the echo page, accepts the upgrade of
 * {@code /echo} with a correct 101, and from then on reads and drops every byte and answers
 * nothing — not a Pong, not an echo — the way a server looks from a page when it hangs or a
 * network path dies without a reset. Loopback only; every socket and thread ends with {@link #close()}.
 */
final class SilentServer implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");
    private static final int MAX_HEAD = 8 * 1024;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    SilentServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "silent-server-accept");
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.add(socket);
                new Thread(() -> serve(socket), "silent-server-connection").start();
            } catch (IOException closed) {
                return; // close() closed the listener
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            Matcher key = KEY.matcher(head);
            if (head.startsWith("GET /echo") && key.find()) {
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] drop = new byte[4096];
                while (in.read(drop) >= 0) {
                    // silence: every frame is read and dropped, none is answered
                }
            } else {
                byte[] page = EchoPage.html();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + page.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(page);
                out.flush();
            }
        } catch (IOException gone) {
            // the browser hung up, or close() closed the socket
        } finally {
            connections.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int ending = 0;
        while (ending < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            if (b == '\r') {
                ending = ending == 2 ? 3 : 1;
            } else {
                ending = b == '\n' && (ending == 1 || ending == 3) ? ending + 1 : 0;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** RFC 6455 §4.2.2: base64 of the SHA-1 of the key and the protocol's GUID. */
    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : List.copyOf(connections)) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
