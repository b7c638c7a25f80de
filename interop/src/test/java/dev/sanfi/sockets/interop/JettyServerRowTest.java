package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

@DisplayName("every client -> 03-echo-jetty server")
class JettyServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.JETTY;
    }
}
