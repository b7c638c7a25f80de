package dev.sanfi.sockets.exercises.ch2;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.HttpHead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Chapter 2, exercise 1: the opening handshake from a bare socket, no WebSocket code at all — write
 * the request's lines, read the answer's head up to its empty line, and look at what came back.
 */
public final class BareHandshake {

    private BareHandshake() {
    }

    /**
     * Sends {@code requestLines} (without line ends: each gets its {@code \r\n}, and the empty line
     * follows) and returns the head of the answer, read within a limit and a deadline.
     */
    public static HttpHead send(InetSocketAddress server, String... requestLines) throws IOException {
        int timeout = (int) Limits.HANDSHAKE_TIMEOUT.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(server, timeout);
            socket.setSoTimeout(timeout);   // each read waits at most this long
            StringBuilder request = new StringBuilder();
            for (String line : requestLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");         // the empty line ends the head (RFC 9112 §2.1)
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            return HttpHead.parse(readHead(socket.getInputStream()));
        }
    }

    /** The bytes up to and including the first empty line, at most {@link Limits#MAX_HANDSHAKE_BYTES}. */
    private static byte[] readHead(InputStream in) throws IOException {
        byte[] buffer = new byte[Limits.MAX_HANDSHAKE_BYTES];
        int length = 0;
        int end;
        while ((end = HttpHead.endOf(buffer, length)) < 0) {
            if (length == buffer.length) {
                throw new IOException("answer head over " + buffer.length + " bytes");
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new EOFException("the server closed the connection before the end of its head");
            }
            length += read;
        }
        return Arrays.copyOf(buffer, end);
    }

    /** The status code of an answer's head: {@code 101} in {@code HTTP/1.1 101 Switching Protocols}. */
    public static int status(HttpHead answer) {
        return Integer.parseInt(answer.startLine().split(" ")[1]);
    }
}
