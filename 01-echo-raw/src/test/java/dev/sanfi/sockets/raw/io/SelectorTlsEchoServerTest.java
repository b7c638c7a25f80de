package dev.sanfi.sockets.raw.io;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;

/**
 * The echo contract over TLS (testkit) against {@code --io selector}: an {@code SSLEngine} per
 * connection in the one selector loop ({@link TlsChannel}), below the same session and core.
 */
class SelectorTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SelectorEchoServer.start(settings);
    }
}
