package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;

/** The echo contract over TLS (testkit) against the Netty server: {@code SslHandler} first in the pipeline. */
class NettyTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return NettyEchoServer.start(settings);
    }
}
