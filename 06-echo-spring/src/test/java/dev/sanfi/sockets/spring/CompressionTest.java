package dev.sanfi.sockets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.HttpResponse;
import dev.sanfi.sockets.testkit.Message;
import dev.sanfi.sockets.testkit.WireClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** permessage-deflate (RFC 7692) only when ServerSettings.deflate() asks for it. */
class CompressionTest {

    private static final String OFFER = "permessage-deflate; client_max_window_bits";

    @Test
    @DisplayName("by default an offer of permessage-deflate is not taken up: no extension in the 101, plain frames")
    void notNegotiatedByDefault() throws Exception {
        try (EchoServer server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
             WireClient client = WireClient.connect(server)) {
            HttpResponse response = client.upgrade(client.upgradeRequest().withHeader("Sec-WebSocket-Extensions", OFFER));
            assertThat(response.header("Sec-WebSocket-Extensions")).as("RFC 6455 §9.1: none accepted").isNull();
            client.send(Frame.text("plain"));
            assertThat(client.readMessage()).isEqualTo(Message.text("plain"));
        }
    }

    @Test
    @DisplayName("with deflate() Tomcat accepts the offer: permessage-deflate in the 101")
    void negotiatedWhenAskedFor() throws Exception {
        try (EchoServer server = SpringEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1").withDeflate(true));
             WireClient client = WireClient.connect(server)) {
            // exchange, not upgrade: WireClient's upgrade refuses a 101 with any extension in it.
            HttpResponse response = client.exchange(client.upgradeRequest().withHeader("Sec-WebSocket-Extensions", OFFER));
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        }
    }
}
