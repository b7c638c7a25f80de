package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;

/** The echo contract (DESIGN §2), run against the Tyrus server. */
class JakartaEchoServerTest extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JakartaEchoServer.start(settings);
    }
}
