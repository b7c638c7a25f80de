package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

@DisplayName("every client -> 01-echo-raw server")
class RawServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.RAW;
    }
}
