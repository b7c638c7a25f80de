package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.common.ServerSettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Why the over-the-limit cell can end in 1006 against the reference server, shown on the wire with
 * no client library in between: a client announces a binary message one byte over the limit, sends
 * its header and first 64 KiB, reads the server's Close 1009, and then writes the rest of the
 * message, as a client that has not read the Close yet would. A server with a lingering close reads
 * the rest and throws it away; Java-WebSocket has closed its socket, and the kernel answers the rest
 * with a TCP reset. (Jetty answers only once the whole message is in: there is no rest to write.)
 */
@DisplayName("every echo server: after its Close 1009, does it read the rest of the message?")
class LingeringCloseTest {

    /** The start of the message, sent with its header; the rest follows the server's Close. */
    private static final int FIRST_PART = 64 * 1024;
    /**
     * After the rest of the message, how much more the client may write before the reset must have
     * come back: the reset answers bytes that reach a closed socket, but writes that are quick enough
     * land in the buffers first. (What the bytes mean does not matter: nobody reads them.)
     */
    private static final long UNTIL_THE_RESET = 8L * Limits.MAX_MESSAGE_BYTES;
    /** How long a server that fails a message by its header has to answer, on a loaded machine too. */
    private static final Duration ANSWER_AFTER_THE_HEADER = Duration.ofSeconds(2);
    private static final int CHUNK = 64 * 1024;
    /** RFC 6455 §1.3's sample key: the server's answer is not checked here, only its 101. */
    private static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    static Stream<ServerStack> serversThatLinger() {
        return Arrays.stream(ServerStack.values()).filter(ServerStack::lingersAfterFailing);
    }

    static Stream<ServerStack> serversThatDoNotLinger() {
        return Arrays.stream(ServerStack.values()).filter(server -> !server.lingersAfterFailing());
    }

    @ParameterizedTest(name = "{0} server: after its Close 1009 it reads the rest of the message (a lingering close)")
    @MethodSource("serversThatLinger")
    void readsTheRest(ServerStack stack) throws Exception {
        assertThat(writeAfterTheClose(stack, 0)).as(stack + ": a write of the rest failed").isNull();
    }

    @ParameterizedTest(name = "{0} server (deviation): after its Close 1009 it closes its socket, "
            + "and the rest of the message is answered with a reset")
    @MethodSource("serversThatDoNotLinger")
    void resetsTheRest(ServerStack stack) throws Exception {
        assertThat(writeAfterTheClose(stack, UNTIL_THE_RESET)).as(stack + ": the write that failed").isNotNull();
    }

    /**
     * Plays the client on a plain socket: after the Close, writes the rest of the message and then
     * {@code more} bytes; returns the exception of the write that failed, or null.
     */
    private static IOException writeAfterTheClose(ServerStack stack, long more) throws Exception {
        try (EchoServer server = stack.starter().start(ServerSettings.defaults(0).withHost("127.0.0.1"));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) RecordedEvents.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET " + stack.target() + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + SAMPLE_KEY
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(in)).as(stack + ": the answer to the upgrade").startsWith("HTTP/1.1 101");

            long size = Limits.MAX_MESSAGE_BYTES + 1L;
            byte[] header = new byte[14];
            header[0] = (byte) 0x82;            // FIN, binary
            header[1] = (byte) (0x80 | 127);    // masked, 8-byte length
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (size >>> (56 - 8 * i));
            }
            // header[10..13]: the mask key 0, so the payload goes out as it is (zeros)
            out.write(header);
            out.write(new byte[FIRST_PART]);
            long sent = FIRST_PART;
            // Most servers answer as soon as they have read the header; Jetty only once the message
            // has grown past the limit, so if no answer comes in a moment, the message is completed.
            int first;
            try {
                socket.setSoTimeout((int) ANSWER_AFTER_THE_HEADER.toMillis());
                first = in.readUnsignedByte();
            } catch (SocketTimeoutException noAnswerYet) {
                out.write(new byte[(int) (size - sent)]);
                sent = size;
                socket.setSoTimeout((int) RecordedEvents.TIMEOUT.toMillis());
                first = in.readUnsignedByte();
            }

            assertThat(first).as(stack + ": FIN + Close").isEqualTo(0x88);
            int length = in.readUnsignedByte();
            assertThat(in.readUnsignedShort()).as(stack + ": the close code").isEqualTo(EchoServerRow.MESSAGE_TOO_BIG);
            in.skipNBytes(length - 2);

            // What a client that has not read the Close yet still sends: the rest of the message. A
            // server that has failed the connection reads it and throws it away.
            try {
                for (long left = size - sent + more; left > 0; left -= CHUNK) {
                    out.write(new byte[(int) Math.min(CHUNK, left)]);
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }
}
