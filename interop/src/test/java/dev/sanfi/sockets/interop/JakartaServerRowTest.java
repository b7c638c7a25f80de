package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

@DisplayName("every client -> 02-echo-jsr356 server")
class JakartaServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.JAKARTA;
    }
}
