package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

@DisplayName("every client -> 01-echo-raw --io selector server")
class RawSelectorServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.RAW_SELECTOR;
    }
}
