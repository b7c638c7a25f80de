package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.io.SelectorEchoServer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two I/O shells over the one protocol core, as {@code server --io threads|selector} names them
 * (common's command line offers the option to a module that has more than one way to run its server).
 */
public enum IoModel {

    /** One platform thread per connection, blocking sockets ({@link RawEchoServer}); the default. */
    THREADS,
    /** One selector loop thread for every connection, non-blocking channels ({@link SelectorEchoServer}). */
    SELECTOR;

    /** Starts this model's server; it is listening when this returns. */
    public EchoServer start(ServerSettings settings) throws IOException {
        return this == THREADS ? RawEchoServer.start(settings) : SelectorEchoServer.start(settings);
    }

    /** The name {@code server --io NAME} takes. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every model by its option name, the default first: what 01's {@code Main} gives the command line. */
    static Map<String, EchoServer.Starter> starters() {
        Map<String, EchoServer.Starter> starters = new LinkedHashMap<>();
        for (IoModel model : values()) {
            starters.put(model.optionName(), model::start);
        }
        return starters;
    }
}
