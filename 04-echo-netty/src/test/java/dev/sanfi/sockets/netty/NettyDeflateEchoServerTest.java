package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.DeflateEchoServerContract;

/**
 * The compression contract (testkit, docs/contract.md §4) against the Netty server started with
 * {@code --deflate}: Netty's permessage-deflate extension handler and the guards around it.
 */
class NettyDeflateEchoServerTest extends DeflateEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return NettyEchoServer.start(settings);
    }
}
