package dev.sanfi.sockets.raw;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.io.SelectorEchoServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The two I/O shells over the one protocol core, as {@code server --io threads|selector} names them.
 * The option is 01-echo-raw's own: {@link #parse} takes it out of the arguments before common's
 * command line sees the rest.
 */
public enum IoModel {

    /** One platform thread per connection, blocking sockets ({@link RawEchoServer}); the default. */
    THREADS,
    /** One selector loop thread for every connection, non-blocking channels ({@link SelectorEchoServer}). */
    SELECTOR;

    static final String OPTION = "--io";

    /** Starts this model's server; it is listening when this returns. */
    public EchoServer start(ServerSettings settings) throws IOException {
        return this == THREADS ? RawEchoServer.start(settings) : SelectorEchoServer.start(settings);
    }

    /** The command line without {@code --io}, and the model it chose. */
    record Choice(IoModel model, String[] rest) {
    }

    /**
     * Finds {@code --io MODEL} or {@code --io=MODEL} in a {@code server} command (or in a command line
     * without a subcommand, which runs the server); anything else is left as it is.
     *
     * @throws IllegalArgumentException for a value other than {@code threads} or {@code selector}, or none
     */
    static Choice parse(String[] args) {
        boolean server = args.length == 0 || !args[0].equals("client");
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        IoModel model = THREADS;
        if (!server) {
            return new Choice(model, args);
        }
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String value;
            if (arg.equals(OPTION)) {
                if (i + 1 == rest.size()) {
                    throw new IllegalArgumentException("Missing required parameter for option '--io' (threads or selector)");
                }
                value = rest.remove(i + 1);
            } else if (arg.startsWith(OPTION + "=")) {
                value = arg.substring(OPTION.length() + 1);
            } else {
                continue;
            }
            rest.remove(i--);
            model = switch (value.toLowerCase(Locale.ROOT)) {
                case "threads" -> THREADS;
                case "selector" -> SELECTOR;
                default -> throw new IllegalArgumentException(
                        "Invalid value for option '--io': '" + value + "' (expected threads or selector)");
            };
        }
        return new Choice(model, rest.toArray(String[]::new));
    }
}
