package dev.sanfi.sockets.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a connection's {@link LastHeard} gets from the FrameGuard to its endpoint, and that nobody else can take it. */
class LastHeardHandoffTest {

    private final AtomicLong clock = new AtomicLong();
    private final LastHeardHandoff handoff = new LastHeardHandoff();

    private static Map<String, List<String>> header(String key) {
        return Map.of(LastHeardHandoff.HEADER, List.of(key));
    }

    @Test
    @DisplayName("what is offered under a key is taken once, with the key from the request header")
    void takenOnceByItsKey() {
        LastHeard first = new LastHeard(clock::get);
        LastHeard second = new LastHeard(clock::get);
        String firstKey = handoff.offer(first);
        String secondKey = handoff.offer(second);
        assertThat(firstKey).isNotEqualTo(secondKey);
        assertThat(handoff.take(header(secondKey))).isSameAs(second);
        assertThat(handoff.take(header(secondKey))).isNull();
        assertThat(handoff.take(header(firstKey))).isSameAs(first);
        assertThat(handoff.waiting()).isZero();
    }

    @Test
    @DisplayName("a request without the header takes nothing")
    void noHeaderTakesNothing() {
        handoff.offer(new LastHeard(clock::get));
        assertThat(handoff.take(Map.of())).isNull();
        assertThat(handoff.waiting()).isOne();
    }

    @Test
    @DisplayName("what nobody took is dropped when its connection closes")
    void withdrawnWhenNotTaken() {
        String key = handoff.offer(new LastHeard(clock::get));
        handoff.withdraw(key);
        assertThat(handoff.waiting()).isZero();
        assertThat(handoff.take(header(key))).isNull();
    }

    @Test
    @DisplayName("LastHeard: heard() restarts the silence on its clock")
    void lastHeardFollowsItsClock() {
        LastHeard lastHeard = new LastHeard(clock::get);
        clock.set(42);
        assertThat(lastHeard.now() - lastHeard.nanos()).isEqualTo(42);
        lastHeard.heard();
        assertThat(lastHeard.nanos()).isEqualTo(42);
    }

    @Test
    @DisplayName("a client cannot name another connection's key: its own header is replaced, and its echo works")
    void clientsOwnHeaderIsReplaced() throws IOException {
        try (JakartaEchoServer server = JakartaEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
             WireClient first = WireClient.open(server);
             WireClient second = WireClient.connect(server)) {
            // The first connection's key was "1"; a header that won would leave the second without one.
            second.upgrade(second.upgradeRequest().withHeader(LastHeardHandoff.HEADER, "1"));
            for (WireClient client : List.of(first, second)) {
                client.send(Frame.text("hello"));
                assertThat(client.readMessage()).isEqualTo(Message.text("hello"));
            }
        }
    }
}
