package dev.sanfi.sockets.exercises.ch7;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.Frame;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 7, exercise 1: a handler in front of the protocol handler logs every frame's type and size, both ways. */
class Ch7Exercise1Test {

    private final List<String> log = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void upgrade() {
        channel = new EmbeddedChannel(new TextbookPipeline(TextbookPipeline.echoAt("/echo"),
                () -> List.of(new FrameSizeLog(log::add))));
        channel.writeInbound(Embedded.upgradeRequest());
        assertThat(Embedded.outboundText(channel)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(log).as("the upgrade is HTTP, not a frame").isEmpty();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("RFC 6455 §5.7's masked Hello: in TEXT 5 bytes, out TEXT 5 bytes")
    void aTextMessage() {
        channel.writeInbound(Embedded.wire(Frame.text("Hello")));
        Embedded.outboundText(channel);
        assertThat(log).containsExactly("in TEXT 5 bytes", "out TEXT 5 bytes");
    }

    @Test
    @DisplayName("the frames the protocol handler consumes are seen too: a Ping in, its Pong out")
    void controlFrames() {
        channel.writeInbound(Embedded.wire(Frame.ping("Hello".getBytes(StandardCharsets.UTF_8))));
        Embedded.outboundText(channel);
        assertThat(log).containsExactly("in PING 5 bytes", "out PONG 5 bytes");
    }

    @Test
    @DisplayName("fragments are frames: each one logged, and (without an aggregator) each one echoed")
    void fragments() {
        channel.writeInbound(Embedded.wire(Frame.text("Hel").notFinal()));
        channel.writeInbound(Embedded.wire(Frame.continuation("lo".getBytes(StandardCharsets.UTF_8))));
        Embedded.outboundText(channel);
        assertThat(log).containsExactly("in TEXT 3 bytes (not final)", "out TEXT 3 bytes (not final)",
                "in CONTINUATION 2 bytes", "out CONTINUATION 2 bytes");
    }

    @Test
    @DisplayName("the closing handshake: the peer's Close in, Netty's answer out")
    void theClose() {
        channel.writeInbound(Embedded.wire(Frame.close(1000, "bye")));
        Embedded.outboundText(channel);
        assertThat(log).containsExactly("in CLOSE 5 bytes", "out CLOSE 5 bytes");
    }
}
