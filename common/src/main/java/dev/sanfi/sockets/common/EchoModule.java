package dev.sanfi.sockets.common;

/**
 * What one echo module brings to the shared command line: its name, its default port, how to
 * start its server and how its client connects. Each module's {@code Main} is one such value.
 */
public record EchoModule(String name, int defaultPort, EchoServer.Starter server, EchoClientSession.Connector client) {
}
