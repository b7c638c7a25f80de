package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.DeflateEchoServerContract;

/** The compression contract (testkit's DeflateEchoServerContract, docs/contract.md §4) against the Jetty server with its guard. */
class JettyDeflateEchoServerTest extends DeflateEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JettyEchoServer.start(settings);
    }
}
