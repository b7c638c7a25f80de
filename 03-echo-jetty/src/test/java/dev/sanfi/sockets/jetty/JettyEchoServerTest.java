package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;

/** The echo contract of every module (testkit), run against the Jetty server. */
class JettyEchoServerTest extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JettyEchoServer.start(settings);
    }
}
