package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/**
 * {@code mvn -pl 03-echo-jetty exec:java}: the echo server on port 8083; {@code -Dexec.args="client URL"} runs
 * the client. The command line is the same in every echo module (common's {@code EchoCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("03-echo-jetty", 8083, JettyEchoServer::start, JettyEchoClient::connect), args);
    }
}
