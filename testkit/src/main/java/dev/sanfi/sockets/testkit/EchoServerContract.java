package dev.sanfi.sockets.testkit;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;

/**
 * The echo protocol as tests: every echo module's server test extends this class and says only how
 * to start its server.
 */
public abstract class EchoServerContract {

    /** Starts this module's server with the given settings (always on port 0); it listens on return. */
    protected abstract EchoServer start(ServerSettings settings) throws Exception;
}
