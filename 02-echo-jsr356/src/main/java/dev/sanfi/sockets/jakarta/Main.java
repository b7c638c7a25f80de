package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/**
 * {@code mvn -pl 02-echo-jsr356 exec:java}: the echo server on port 8082; {@code -Dexec.args="client URL"} runs
 * the client. The command line is the same in every echo module (common's {@code EchoCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("02-echo-jsr356", 8082, JakartaEchoServer::start, JakartaEchoClient::connect), args);
    }
}
