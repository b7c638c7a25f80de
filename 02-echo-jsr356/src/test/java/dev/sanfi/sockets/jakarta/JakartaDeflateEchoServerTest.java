package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.DeflateEchoServerContract;

/** The compression contract (testkit's DeflateEchoServerContract, docs/contract.md §4) against the Tyrus server with its guard. */
class JakartaDeflateEchoServerTest extends DeflateEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JakartaEchoServer.start(settings);
    }
}
