package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.TlsEchoServerContract;

/**
 * The echo contract over TLS (testkit) against {@code --io threads}: the JDK's {@code SSLServerSocket},
 * a TLS handshake on each connection's thread within the handshake deadline. {@code SelectorTlsEchoServerTest}
 * runs it on {@code --io selector}, where the TLS is an {@code SSLEngine} in the selector loop.
 */
public class RawTlsEchoServerTest extends TlsEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return RawEchoServer.start(settings);
    }
}
