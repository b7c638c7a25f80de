package dev.sanfi.sockets.raw.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a {@link ChannelSession} reads and writes, never blocking: the socket's bytes as they are
 * ({@link PlainChannel}), or the plaintext inside TLS ({@link TlsChannel}). TLS is a byte transform
 * below the session, so the session and the protocol core above it are the same for both; what TLS
 * adds is bytes held between the socket and the session, which the two methods at the end report.
 */
interface SessionChannel {

    /** Reads what is there into {@code into}: the number of bytes, 0 for none yet, -1 at the end of the stream. */
    int read(ByteBuffer into) throws IOException;

    /** Writes as much of {@code from} as can go now; the number of bytes taken. */
    int write(ByteBuffer from) throws IOException;

    /** Writes out what waits below the session (TLS records of earlier writes); true when nothing waits any more. */
    boolean flush() throws IOException;

    /** Ends our sending side once what waits is written (TCP: FIN; TLS: close_notify, then FIN). */
    void shutdownOutput() throws IOException;

    /** Closes the socket at once. */
    void close() throws IOException;

    /**
     * Whether bytes already taken from the socket wait to be read: the selector will not report them,
     * so the session asks its loop to read again ({@code SelectorLoop#readAgain}).
     */
    boolean hasBufferedInput();

    /** Whether bytes wait to be written by {@link #flush()} when the socket can take them. */
    boolean hasPendingOutput();
}
