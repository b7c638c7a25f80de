package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The I/O shell's own rules, on a socket that is only bytes: no network, no timing. */
class WebSocketConnectionTest {

    @Test
    @DisplayName("after a failed write (the server reset the connection) the frame is not written again, "
            + "and the server's Close that had arrived is still read and reported")
    void failedWriteDoesNotHideTheServersClose() throws Exception {
        // What a server that fails a message over its limit leaves in the client's socket: its Close
        // 1009 (unmasked, no reason), then the end of the stream; every write fails, as after a reset.
        ResetSocket socket = new ResetSocket(WireBytes.of(0x88, 0x02, 0x03, 0xF1));
        CompletableFuture<ClosePayload[]> closed = new CompletableFuture<>();
        WebSocketConnection connection = WebSocketConnection.forClient(socket, new byte[0], 1024, null, () -> 0,
                new WebSocketConnection.Listener() {
                    @Override
                    public void onMessage(WebSocketConnection connection, Message message) {
                    }

                    @Override
                    public void onClose(ClosePayload received, ClosePayload sent) {
                        closed.complete(new ClosePayload[] {received, sent});
                    }
                });

        assertThatThrownBy(() -> connection.send(Opcode.BINARY, new byte[100])).isInstanceOf(IOException.class);
        connection.queue(Opcode.PONG, new byte[0]);     // the reading thread's own frame: its write fails too
        connection.run();                               // on this thread: runs until the connection is over

        assertThat(closed.getNow(null)).as("onClose(received, sent)")
                .containsExactly(new ClosePayload(1009, ""), new ClosePayload(1009, ""));
        assertThat(socket.attemptedWrites).as("bytes of each attempted write: the binary frame, the Pong, our Close")
                .containsExactly(2 + 4 + 100, 2 + 4, 2 + 4 + 2);
    }

    /** Reads the given bytes, then the end of the stream; every write fails as on a reset connection. */
    private static final class ResetSocket extends Socket {
        final List<Integer> attemptedWrites = new CopyOnWriteArrayList<>();
        private final InputStream in;
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                attemptedWrites.add(length);
                throw new SocketException("Broken pipe");
            }
        };

        ResetSocket(byte[] input) {
            this.in = new ByteArrayInputStream(input);
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void setSoTimeout(int timeout) {
            // the input is all there: reads never wait
        }
    }
}
