package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/** The command line of this module: {@code server} (default, port 8083) or {@code client URL}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("03-echo-jetty", 8083, JettyEchoServer::start, JettyEchoClient::connect), args);
    }
}
