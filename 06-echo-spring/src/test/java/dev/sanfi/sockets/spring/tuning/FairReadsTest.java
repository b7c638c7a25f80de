package dev.sanfi.sockets.spring.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.spring.SpringEchoServer;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Yields between the messages of a stream: nothing is lost or held back, on one connection or two at once. */
class FairReadsTest {

    private static final int MESSAGES = 500;

    @Test
    @DisplayName("two connections each send 500 messages in one write: every echo comes back, in order, on both")
    void burstsOnTwoConnectionsAreEchoedInFull() throws Exception {
        try (SpringEchoServer server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
             WireClient first = WireClient.open(server);
             WireClient second = WireClient.open(server)) {
            List<Frame> burst = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                burst.add(Frame.text("message " + i));
            }
            first.sendTogether(burst.toArray(Frame[]::new));
            second.sendTogether(burst.toArray(Frame[]::new));

            for (int i = 0; i < MESSAGES; i++) {
                assertThat(first.readMessage()).isEqualTo(Message.text("message " + i));
                assertThat(second.readMessage()).isEqualTo(Message.text("message " + i));
            }
        }
    }
}
