package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/** {@code mvn -pl 04-echo-netty exec:java}: the shared command line with Netty's server and client. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("04-echo-netty", 8084, NettyEchoServer::start, NettyEchoClient::connect), args);
    }
}
