package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/**
 * {@code mvn -pl 06-echo-spring exec:java}: the echo server on port 8087; {@code -Dexec.args="client URL"}
 * runs the client. The command line is the same in every echo module (common's {@code EchoCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("06-echo-spring", 8087, SpringEchoServer::start, SpringEchoClient::connect), args);
    }
}
