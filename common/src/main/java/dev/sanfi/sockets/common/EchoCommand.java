package dev.sanfi.sockets.common;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line of every echo module (docs/contract.md §3): {@code server} (the default) and {@code client}.
 *
 * <pre>
 * server [--host H] [--port N] [--max-message-bytes N] [--idle-timeout S] [--ping-interval S] [--allow-origin O]...
 *        [--tls [--keystore FILE [--keystore-password-file FILE]]] [--deflate]
 * client [URL] [--message TEXT]... [--binary] [--trust FILE.pem]... [--insecure] [--deflate]
 * </pre>
 *
 * Exit codes: 0 done, 1 failed (server cannot start, client cannot connect), 2 bad arguments.
 */
public final class EchoCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private EchoCommand() {
    }

    /** Runs the command and exits the JVM when it failed; returns normally after success. */
    public static void main(EchoModule module, String[] args) {
        int code = run(module, args, System.in, System.out, System.err);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Runs the command and returns its exit code. A server runs until the JVM is shut down. */
    public static int run(EchoModule module, String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(module, args, in, out, err, System.getenv());
    }

    /** As above, with the environment the server reads its keystore password from ({@code ServerTlsOptions}). */
    static int run(EchoModule module, String[] args, InputStream in, PrintStream out, PrintStream err,
                   java.util.Map<String, String> environment) {
        JulBridge.install();
        CommandLine server = new CommandLine(new ServerCommand(module, out, err, environment));
        if (!module.ioModels().isEmpty()) {
            // Only a module with more than one way to run its server has the option, and --help lists them.
            String names = String.join(", ", module.ioModels().keySet());
            server.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder(ServerCommand.IO_OPTION)
                    .paramLabel("MODEL").type(String.class)
                    .defaultValue(module.ioModels().keySet().iterator().next())
                    .description("How the server does its I/O: one of " + names + " (default: ${DEFAULT-VALUE}).")
                    .build());
        }
        CommandLine line = new CommandLine(new Root(module, out))
                .setCommandName(module.name())
                .addSubcommand("server", server)
                .addSubcommand("client", new ClientCommand(module, in, out, err));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((e, arguments) -> {
            err.println(module.name() + ": " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parseResult) -> {
            err.println(module.name() + ": " + e.getMessage());
            return EXIT_FAILED;
        });
        return line.execute(args);
    }

    /** With no subcommand, runs the server with its defaults: {@code mvn -pl MODULE exec:java}. */
    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "An echo server and client over WebSocket (RFC 6455). Without a command: server.")
    static final class Root implements Callable<Integer> {
        private final EchoModule module;
        @Spec
        CommandSpec spec;

        Root(EchoModule module, PrintStream out) {
            this.module = module;
        }

        @Override
        public Integer call() {
            spec.commandLine().setCommandName(module.name());
            return spec.commandLine().getSubcommands().get("server").execute();
        }
    }

    @Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Serves the echo page at / and the WebSocket echo at /echo until Ctrl+C.")
    static final class ServerCommand implements Callable<Integer> {
        static final String IO_OPTION = "--io";

        private final EchoModule module;
        @Spec
        CommandSpec spec;
        private final PrintStream out;
        private final PrintStream err;
        private final java.util.Map<String, String> environment;
        @CommandLine.Mixin
        ServerTlsOptions tls = new ServerTlsOptions();

        @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host = "localhost";

        @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 takes a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--max-message-bytes", paramLabel = "N",
                description = "Larger messages are refused with close 1009 (default: ${DEFAULT-VALUE}).")
        int maxMessageBytes = Limits.MAX_MESSAGE_BYTES;

        @Option(names = "--idle-timeout", paramLabel = "SECONDS",
                description = "Close a connection silent this long with 1001 (default: ${DEFAULT-VALUE}).")
        long idleTimeoutSeconds = Limits.IDLE_TIMEOUT.toSeconds();

        @Option(names = "--ping-interval", paramLabel = "SECONDS",
                description = "Ping a connection silent this long (default: 20, at most half the idle timeout).")
        Long pingIntervalSeconds;

        @Option(names = "--allow-origin", paramLabel = "ORIGIN",
                description = "Also accept browser pages from this origin, e.g. http://localhost:3000; '*' accepts all.")
        List<String> allowedOrigins = new ArrayList<>();

        @Option(names = "--deflate", description = "Accept permessage-deflate compression (RFC 7692) when a client "
                + "offers it; the message limit counts inflated bytes (default: off).")
        boolean deflate;

        ServerCommand(EchoModule module, PrintStream out, PrintStream err, java.util.Map<String, String> environment) {
            this.module = module;
            this.port = module.defaultPort(); // read by picocli as the default, so --help shows the number
            this.out = out;
            this.err = err;
            this.environment = environment;
        }

        ServerSettings settings() {
            int chosenPort = port;
            if (chosenPort < 0 || chosenPort > 65535) {
                throw usage("--port must be 0..65535, was " + chosenPort);
            }
            if (maxMessageBytes < 1) {
                throw usage("--max-message-bytes must be positive, was " + maxMessageBytes);
            }
            if (idleTimeoutSeconds < 1) {
                throw usage("--idle-timeout must be at least 1 second, was " + idleTimeoutSeconds);
            }
            Duration idle = Duration.ofSeconds(idleTimeoutSeconds);
            Duration ping = pingIntervalSeconds != null ? Duration.ofSeconds(pingIntervalSeconds) : defaultPing(idle);
            if (ping.isZero() || ping.isNegative() || ping.compareTo(idle) >= 0) {
                throw usage("--ping-interval must be at least 1 second and shorter than --idle-timeout");
            }
            OriginPolicy origins;
            try {
                origins = OriginPolicy.allowing(allowedOrigins);
            } catch (IllegalArgumentException e) {
                throw usage("--allow-origin: " + e.getMessage());
            }
            return new ServerSettings(host, chosenPort, maxMessageBytes, ping, idle, Limits.HANDSHAKE_TIMEOUT, origins)
                    .withDeflate(deflate);
        }

        private static Duration defaultPing(Duration idle) {
            Duration half = idle.dividedBy(2);
            return half.compareTo(Limits.PING_INTERVAL) < 0 ? half : Limits.PING_INTERVAL;
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(new CommandLine(this), message);
        }

        /** The starter of the chosen I/O model, or the module's only one. */
        EchoServer.Starter starter() {
            if (module.ioModels().isEmpty()) {
                return module.server();
            }
            String model = spec.findOption(IO_OPTION).getValue();
            EchoServer.Starter chosen = module.ioModels().get(model);
            if (chosen == null) {
                throw usage("--io must be one of " + String.join(", ", module.ioModels().keySet()) + ", was '" + model + "'");
            }
            return chosen;
        }

        @Override
        public Integer call() throws InterruptedException {
            ServerSettings settings = settings();
            EchoServer.Starter starter = starter();
            ServerTlsOptions.Chosen certificate;
            try {
                certificate = tls.choose(new CommandLine(this), environment);
            } catch (java.io.IOException e) {
                err.println(module.name() + ": cannot use TLS: " + e.getMessage());
                return EXIT_FAILED;
            }
            settings = certificate == null ? settings : settings.withTls(certificate.context());
            EchoServer server;
            try {
                server = starter.start(settings);
            } catch (Exception e) {
                err.println(module.name() + ": cannot start the server on " + settings.host() + ":" + settings.port()
                        + ": " + e.getMessage());
                return EXIT_FAILED;
            }
            running(module.name(), settings, server.port(), certificate).forEach(out::println);
            out.println("Press Ctrl+C to stop.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "echo-server-shutdown"));
            stopped.await();
            return EXIT_OK;
        }

        /** What the server prints once it listens: where to find it, and for TLS, which certificate it presents. */
        static List<String> running(String name, ServerSettings settings, int port, ServerTlsOptions.Chosen certificate) {
            String authority = urlHost(settings.host()) + ":" + port;
            List<String> lines = new ArrayList<>(List.of(name + " echo server is running",
                    "  page:      " + (settings.secure() ? "https://" : "http://") + authority + EchoProtocol.PAGE_PATH,
                    "  websocket: " + (settings.secure() ? "wss://" : "ws://") + authority + EchoProtocol.ECHO_PATH));
            if (certificate != null) {
                certificate.lines().forEach(line -> lines.add("  " + line));
            }
            return lines;
        }

        /** The host to print in URLs: a wildcard address is reached as localhost; IPv6 in brackets. */
        static String urlHost(String host) {
            try {
                InetAddress address = InetAddress.getByName(host);
                if (address.isAnyLocalAddress()) {
                    return "localhost";
                }
            } catch (java.net.UnknownHostException e) {
                return host;
            }
            return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        }
    }

    @Command(name = "client", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Sends each --message, or each line of standard input, and prints each echo.")
    static final class ClientCommand implements Callable<Integer> {
        private final EchoModule module;
        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;

        @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
                description = "The echo endpoint (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--message", paramLabel = "TEXT", description = "A message to send; repeatable. Without it: stdin lines.")
        List<String> messages = new ArrayList<>();

        @Option(names = "--binary", description = "Send messages as binary (their UTF-8 bytes) instead of text.")
        boolean binary;

        @CommandLine.Mixin
        ClientTlsOptions tls = new ClientTlsOptions();

        @Option(names = "--deflate", description = "Offer permessage-deflate compression (RFC 7692) to the server.")
        boolean deflate;

        ClientCommand(EchoModule module, InputStream in, PrintStream out, PrintStream err) {
            this.module = module;
            this.url = "ws://localhost:" + module.defaultPort() + EchoProtocol.ECHO_PATH;
            this.in = in;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            URI uri = target();
            ClientOptions options = tls.options(new CommandLine(this), module.name(), err).withDeflate(deflate);
            Iterable<String> lines = messages.isEmpty()
                    ? () -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().iterator()
                    : messages;
            return new ConsoleClient(module.name(), module.client(), out, err).run(uri, options, lines, binary);
        }

        private URI target() {
            String text = url;
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (Exception e) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "not a WebSocket URL: '" + text + "' (expected ws://host:port/path)");
            }
        }
    }

    /** {@code --version}: the version Maven built, from a resource it filled in at build time. */
    static final class Version implements CommandLine.IVersionProvider {

        static final String RESOURCE = "/dev/sanfi/sockets/common/version.properties";

        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (InputStream in = EchoCommand.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"sanfi-sockets " + properties.getProperty("version", "(version unknown)")};
        }
    }
}
