package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;

/** The echo contract (docs/contract.md §2), run against the Tyrus server with its guard. */
class JakartaEchoServerTest extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JakartaEchoServer.start(settings);
    }
}
