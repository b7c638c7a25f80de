package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.EchoModule;

/**
 * {@code mvn -pl 01-echo-raw exec:java}: the echo server on port 8081; {@code -Dexec.args="client URL"} runs
 * the client. The command line is the same in every echo module (common's {@code EchoCommand}), plus
 * 01-echo-raw's own {@code server --io threads|selector} ({@link IoModel}): which I/O shell runs the core.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EchoCommand.main(new EchoModule("01-echo-raw", 8081, RawEchoServer::start, RawEchoClient::connect)
                .withIoModels(IoModel.starters()), args);
    }
}
