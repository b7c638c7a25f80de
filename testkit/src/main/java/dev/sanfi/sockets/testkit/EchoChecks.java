package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;

/**
 * The checks the contracts share ({@link EchoServerContract} over TCP, {@link TlsEchoServerContract}
 * over TLS): each rule is written once, whatever carries the bytes.
 */
final class EchoChecks {

    private EchoChecks() {
    }

    /** Sends a message as one frame and checks the echo. */
    static void assertEchoes(WireClient client, Message message) throws IOException {
        client.send(Frame.of(message.opcode(), message.data()));
        assertEchoReceived(client, message);
    }

    /** Reads the next message and checks it is the same type and bytes as the one sent. */
    static void assertEchoReceived(WireClient client, Message sent) throws IOException {
        Message received = client.readMessage();
        String difference = received.differenceFrom(sent);
        if (difference != null) {
            fail("contract §2: the echo is the same message (%s); %s", sent, difference);
        }
    }

    /**
     * Checks that the server fails the connection with a code: its Close carries the code, then it
     * closes TCP (RFC 6455 §7.1.7). The client answers the Close as a real client would.
     */
    static void assertFailsWith(WireClient client, int code, String rule) throws IOException {
        Close close;
        try {
            close = client.awaitClose();
        } catch (AssertionError e) {
            throw new AssertionError(rule + ": expected Close " + code + ", but " + e.getMessage(), e);
        }
        assertThat(close.code()).as("%s: expected Close %d, got %s", rule, code, close).isEqualTo(code);
        client.acknowledgeClose(close);
        assertServerClosesTcp(client, "after Close " + code + " (" + rule + ")");
    }

    /** RFC 6455 §7.1.1: the server closes the TCP connection once the closing handshake is over. */
    static void assertServerClosesTcp(WireClient client, String when) throws IOException {
        try {
            client.awaitEof();
        } catch (AssertionError e) {
            throw new AssertionError("RFC 6455 §7.1.1: the server closes TCP " + when + "; " + e.getMessage(), e);
        }
    }
}
