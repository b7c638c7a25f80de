package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * STOMP on the wire, with no STOMP library in between: testkit's raw {@code WireClient} upgrades to
 * {@code /stomp} and sends the frames below as WebSocket text messages, one STOMP frame each, and
 * the server's answers are compared byte for byte. Chapter 7b quotes these frames: they are what
 * Spring really sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("STOMP frames on the wire at /stomp")
class StompFramesTest {

    // A STOMP frame (STOMP 1.2): a command line, header lines "name:value", an empty line, the
    // body, and a NUL byte. Here each goes in one WebSocket text message.
    static final String CONNECT = "CONNECT\naccept-version:1.2\nhost:localhost\n\n\0";
    static final String CONNECTED = "CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0";
    static final String SUBSCRIBE = "SUBSCRIBE\nid:sub-0\ndestination:/topic/wire\n\n\0";
    static final String SEND = "SEND\ndestination:/topic/wire\ncontent-type:text/plain\n\nhello, topic\0";
    /** What every subscriber of /topic/wire gets; the message-id is the broker's, different each time. */
    static final String MESSAGE = "MESSAGE\ndestination:/topic/wire\ncontent-type:text/plain\n"
            + "subscription:sub-0\nmessage-id:ID\ncontent-length:12\n\nhello, topic\0";

    private EchoServer server;

    @BeforeAll
    void startServer() throws Exception {
        server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    @DisplayName("CONNECT, SUBSCRIBE, SEND: the server answers CONNECTED, then delivers the SEND as a MESSAGE")
    void connectSubscribeSendMessage() throws IOException {
        try (WireClient client = WireClient.connect(server)) {
            client.upgrade(client.upgradeRequest().withTarget(StompConfiguration.STOMP_PATH));

            client.send(Frame.text(CONNECT));
            assertThat(nextText(client)).isEqualTo(CONNECTED);

            client.send(Frame.text(SUBSCRIBE));
            client.send(Frame.text(SEND));
            assertThat(nextText(client).replaceFirst("message-id:[^\n]*", "message-id:ID")).isEqualTo(MESSAGE);
        }
    }

    private static String nextText(WireClient client) throws IOException {
        Message message = client.readMessage();
        assertThat(message.isText()).as("STOMP frames come as text messages: %s", message).isTrue();
        return message.text();
    }
}
