package dev.sanfi.sockets.common;

import java.net.InetSocketAddress;

/**
 * A running echo server, whatever the stack. Each module's server implements this, so that the
 * command line and the contract tests in {@code testkit} can start and stop any of them alike.
 */
public interface EchoServer extends AutoCloseable {

    /** The address the server listens on, with the real port when it was started on port 0. */
    InetSocketAddress localAddress();

    default int port() {
        return localAddress().getPort();
    }

    /**
     * Stops the server: every open session gets Close 1001 Going Away and at most
     * {@link Limits#SHUTDOWN_GRACE} to answer, then every socket and thread of the server is closed.
     * Calling it again does nothing.
     */
    @Override
    void close();

    /** How a module starts its server; the server is listening when this returns. */
    @FunctionalInterface
    interface Starter {
        EchoServer start(ServerSettings settings) throws Exception;
    }
}
