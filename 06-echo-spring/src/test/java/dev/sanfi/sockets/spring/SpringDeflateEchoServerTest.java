package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.DeflateEchoServerContract;

/** The compression contract (testkit's DeflateEchoServerContract, docs/contract.md §4) against the Spring Boot server with its guard. */
class SpringDeflateEchoServerTest extends DeflateEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SpringEchoServer.start(settings);
    }
}
