package dev.sanfi.sockets.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one echo module brings to the shared command line: its name, its default port, how to
 * start its server and how its client connects. Each module's {@code Main} is one such value.
 *
 * @param ioModels other ways the module can run its server, by the name {@code server --io NAME}
 *                 takes (in order; the first is the default and should be {@code server}); empty
 *                 when the module has one way only, and then there is no {@code --io} option
 */
public record EchoModule(String name, int defaultPort, EchoServer.Starter server, EchoClientSession.Connector client,
                         Map<String, EchoServer.Starter> ioModels) {

    public EchoModule {
        ioModels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ioModels));
    }

    public EchoModule(String name, int defaultPort, EchoServer.Starter server, EchoClientSession.Connector client) {
        this(name, defaultPort, server, client, Map.of());
    }

    /** The same module, whose server can run in each of these I/O models ({@code server --io NAME}). */
    public EchoModule withIoModels(Map<String, EchoServer.Starter> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no I/O model");
        }
        return new EchoModule(name, defaultPort, models.values().iterator().next(), client, models);
    }
}
