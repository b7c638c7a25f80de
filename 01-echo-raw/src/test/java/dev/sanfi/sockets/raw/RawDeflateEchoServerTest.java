package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.DeflateEchoServerContract;

/**
 * The compression contract (testkit, docs/contract.md §4) against the server written by hand with
 * {@code --io threads}, started with {@code --deflate}; {@code SelectorDeflateEchoServerTest} runs it
 * again on {@code --io selector}.
 */
public class RawDeflateEchoServerTest extends DeflateEchoServerContract {

    @Override
    protected EchoServer start(ServerSettings settings) throws Exception {
        return RawEchoServer.start(settings);
    }
}
