package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;

/** The echo contract over wss:// (testkit's TlsEchoServerContract) against the Jetty server with its guard. */
class JettyTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JettyEchoServer.start(settings);
    }
}
