package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;

/** The echo contract over wss:// (testkit's TlsEchoServerContract) against the Tyrus server with its guard. */
class JakartaTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return JakartaEchoServer.start(settings);
    }
}
