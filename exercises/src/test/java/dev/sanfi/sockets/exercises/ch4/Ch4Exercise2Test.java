package dev.sanfi.sockets.exercises.ch4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.Limits;
import dev.sanfi.sockets.raw.Opcode;
import dev.sanfi.sockets.raw.protocol.Connection;
import dev.sanfi.sockets.raw.protocol.Event;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 4, exercise 2: the round trip, measured with a Ping whose payload is the time it left. */
class Ch4Exercise2Test {

    @Test
    @DisplayName("the Pong a server core answers with carries the time back, and gives the round trip")
    void throughTwoCores() {
        PingClock clock = new PingClock();
        Connection client = Connection.forClient(Limits.MAX_MESSAGE_BYTES, () -> 0x37fa213d);
        Connection server = Connection.forServer(Limits.MAX_MESSAGE_BYTES);

        client.send(Opcode.PING, clock.ping(1_000_000));
        server.receive(client.bytesToSend());               // the server core queues the Pong itself
        Event pong = client.receive(server.bytesToSend()).get(0);

        assertThat(pong).isInstanceOfSatisfying(Event.PongReceived.class, received ->
                assertThat(clock.pong(received.payload(), 4_000_000)).contains(Duration.ofMillis(3)));
    }

    @Test
    @DisplayName("an unsolicited Pong, an old one, or the same one twice measures nothing")
    void otherPongs() {
        PingClock clock = new PingClock();
        assertThat(clock.pong(new byte[0], 5)).as("before any Ping").isEmpty();
        byte[] first = clock.ping(10);
        byte[] second = clock.ping(20);
        assertThat(clock.pong(new byte[0], 25)).as("an empty, unsolicited Pong").isEmpty();
        assertThat(clock.pong(first, 30)).as("the answer to an older Ping").isEmpty();
        assertThat(clock.pong(second, 30)).contains(Duration.ofNanos(10));
        assertThat(clock.pong(second, 40)).as("the same Pong again").isEmpty();
    }
}
