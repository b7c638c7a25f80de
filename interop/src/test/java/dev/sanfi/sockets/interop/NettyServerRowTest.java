package dev.sanfi.sockets.interop;

import org.junit.jupiter.api.DisplayName;

@DisplayName("every client -> 04-echo-netty server")
class NettyServerRowTest extends EchoServerRow {

    @Override
    ServerStack stack() {
        return ServerStack.NETTY;
    }
}
