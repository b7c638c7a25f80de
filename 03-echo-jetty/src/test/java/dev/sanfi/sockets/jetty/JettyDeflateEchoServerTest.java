package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.DeflateEchoServerContract;
import dev.sanfi.sockets.testkit.Frame;
import dev.sanfi.sockets.testkit.Message;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The compression contract (testkit's DeflateEchoServerContract, docs/contract.md §4) against the Jetty server with its guard. */
class JettyDeflateEchoServerTest extends DeflateEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JettyEchoServer.start(settings);
    }

    @Override
    @Test
    @DisplayName("DEVIATION: server_max_window_bits=15 is declined (RFC 7692 §7.1.2.1 accepts by naming it; Jetty's extension drops it from its answer)")
    public void serverMaxWindowBits15IsAnswered() throws IOException {
        Upgraded upgraded = upgrade(server(), "permessage-deflate; server_max_window_bits=15");
        assertThat(upgraded.response().header("Sec-WebSocket-Extensions")).as("declined: no extension").isNull();
        upgraded.client().send(Frame.text("declined"));
        assertThat(upgraded.client().readMessage()).isEqualTo(Message.text("declined"));
    }
}
