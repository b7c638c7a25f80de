package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/**
 * {@code mvn -pl 04-echo-netty exec:java}: the echo server on port 8084; {@code -Dexec.args="client URL"} runs
 * the client. The command line is the same in every echo module (common's {@code EchoCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("04-echo-netty", 8084, NettyEchoServer::start, NettyEchoClient::connect), args);
    }
}
