package dev.sanfi.sockets.raw.io;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.RawDeflateEchoServerTest;

/** {@code --io selector --deflate}: the compression contract on the same core under one selector loop. */
class SelectorDeflateEchoServerTest extends RawDeflateEchoServerTest {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return SelectorEchoServer.start(settings);
    }
}
