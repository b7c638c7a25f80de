package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.jakarta.JakartaEchoServer;
import dev.sanfi.sockets.jetty.JettyEchoServer;
import dev.sanfi.sockets.netty.NettyEchoServer;
import dev.sanfi.sockets.raw.RawEchoServer;

/** The four echo servers: the columns of the interop table. */
enum ServerStack {
    RAW("01-echo-raw", RawEchoServer::start),
    JAKARTA("02-echo-jsr356", JakartaEchoServer::start),
    JETTY("03-echo-jetty", JettyEchoServer::start),
    NETTY("04-echo-netty", NettyEchoServer::start);

    private final String module;
    private final EchoServer.Starter starter;

    ServerStack(String module, EchoServer.Starter starter) {
        this.module = module;
        this.starter = starter;
    }

    String module() {
        return module;
    }

    EchoServer.Starter starter() {
        return starter;
    }

    /** What a test name shows: "... -> 03-echo-jetty server". */
    @Override
    public String toString() {
        return module;
    }
}
