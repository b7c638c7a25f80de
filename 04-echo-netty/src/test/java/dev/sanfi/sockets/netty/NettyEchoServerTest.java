package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.EchoServerContract;

/** The echo contract (contract §2, {@code docs/contract.md}), run against the Netty server. */
class NettyEchoServerTest extends EchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return NettyEchoServer.start(settings);
    }
}
