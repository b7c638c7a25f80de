package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

@DisplayName("every client -> 06-echo-spring server")
class SpringServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.SPRING;
    }
}
