package dev.sanfi.sockets.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.WireClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole echo contract (testkit) against the server written by hand with {@code --io threads}
 * (a thread per connection), plus what only this module's core promises: checks that happen while a
 * frame is still arriving. {@code SelectorEchoServerTest} runs all of it again on {@code --io selector}.
 */
public class RawEchoServerTest extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return RawEchoServer.start(settings);
    }

    private EchoServer startDefault() throws Exception {
        return start(ServerSettings.defaults(0).withHost("127.0.0.1"));
    }

    @Test
    @DisplayName("§8.1 fail fast inside one frame (Autobahn 6.4.3): 1007 before the frame's payload is complete")
    void invalidUtf8InsideAnUnfinishedFrame() throws Exception {
        try (EchoServer server = startDefault(); WireClient client = WireClient.open(server)) {
            byte[] payload = new byte[1000];
            Arrays.fill(payload, (byte) 'a');
            payload[10] = (byte) 0xF4;                      // F4 90: above U+10FFFF
            payload[11] = (byte) 0x90;
            byte[] wire = Frame.text(payload).toBytes();
            client.sendRaw(Arrays.copyOf(wire, wire.length - 900));   // the frame is never finished
            assertThat(client.awaitClose().code()).isEqualTo(1007);
        }
    }

    @Test
    @DisplayName("§5.2: a frame over the limit gets 1009 from its header alone, before any payload is sent")
    void tooLargeFromTheHeader() throws Exception {
        try (EchoServer server = startDefault(); WireClient client = WireClient.open(server)) {
            byte[] wire = Frame.binary(new byte[2 * 1024 * 1024]).toBytes();
            client.sendRaw(Arrays.copyOf(wire, 14));         // header, 64-bit length and masking key only
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("a frame that arrives right behind the upgrade request, in the same write, is echoed")
    void frameInTheSameWriteAsTheHandshake() throws Exception {
        try (EchoServer server = startDefault(); WireClient client = WireClient.connect(server)) {
            String request = "GET /echo HTTP/1.1\r\nHost: " + client.host() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            client.sendRaw(WireBytes.concat(request.getBytes(StandardCharsets.US_ASCII), Frame.text("early").toBytes()));
            assertThat(client.readResponse(WireClient.DEFAULT_TIMEOUT).status()).isEqualTo(101);
            assertThat(client.readFrame().text()).isEqualTo("early");
        }
    }
}
