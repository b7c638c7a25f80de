package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

/** Skipped, with a line saying what to install, where there is no Node.js or no node-echo/node_modules. */
@DisplayName("every client -> node-echo (Node ws) server")
class NodeServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.NODE;
    }
}
