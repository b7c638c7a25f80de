package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.Limits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Reads an HTTP head from a socket, within {@link Limits#MAX_HANDSHAKE_BYTES} and a deadline: the
 * two guards that keep a slow or endless request from holding a connection thread.
 */
final class HeadReader {

    /**
     * What arrived: the head, and the bytes after it. A peer may send its first frames right behind
     * the handshake, in the same TCP segment; those must not be lost.
     */
    record Head(HttpHead head, byte[] leftover) {
    }

    private HeadReader() {
    }

    /**
     * @param deadline {@link System#nanoTime()} by which the whole head must be here
     * @throws HandshakeException    431 when the head is over the limit, 400 when it is malformed
     * @throws SocketTimeoutException when the deadline passes first
     * @throws EOFException          when the peer closes first
     */
    static Head read(Socket socket, InputStream in, long deadline) throws IOException, HandshakeException {
        byte[] buffer = new byte[Limits.MAX_HANDSHAKE_BYTES];
        int length = 0;
        int end;
        while ((end = HttpHead.endOf(buffer, length)) < 0) {
            if (length == buffer.length) {
                throw new HandshakeException(431, "request head over " + Limits.MAX_HANDSHAKE_BYTES + " bytes");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("handshake not complete in time");
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            length += read;
        }
        return new Head(HttpHead.parse(Arrays.copyOf(buffer, end)), Arrays.copyOfRange(buffer, end, length));
    }
}
