package dev.sanfi.sockets.chat;

import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.ClientAuthOptions;
import dev.sanfi.sockets.chat.auth.ServerAuthOptions;
import dev.sanfi.sockets.chat.auth.TokenCommand;
import dev.sanfi.sockets.common.ClientOptions;
import dev.sanfi.sockets.common.ClientTlsOptions;
import dev.sanfi.sockets.common.EchoCommand;
import dev.sanfi.sockets.common.JulBridge;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.ServerTlsOptions;
import io.lettuce.core.RedisException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The chat's command line: {@code server} (the default), {@code client}, and {@code token} for a
 * server that asks for one ({@code dev.sanfi.sockets.chat.auth}).
 *
 * <pre>
 * server [--host H] [--port N] [--ws-port N] [--allow-origin O]... [--redis redis://HOST:PORT] [--secret-file FILE]
 *        [--tls [--keystore FILE [--keystore-password-file FILE]]] [--deflate]
 * client [URL] --name NAME [--token-file FILE] [--trust FILE.pem]... [--insecure] [--deflate]
 * token --secret-file FILE --name NAME [--minutes N]
 * </pre>
 *
 * Exit codes as in every module: 0 done, 1 failed (cannot start, cannot connect), 2 bad arguments.
 */
public final class ChatCommand {

    static final String NAME = "05-chat-broadcast";

    private ChatCommand() {
    }

    /** Runs the command and exits the JVM when it failed; returns normally after success. */
    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != EchoCommand.EXIT_OK) {
            System.exit(code);
        }
    }

    /** Runs the command and returns its exit code. A server runs until the JVM is shut down. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System.getenv());
    }

    /** As above, with the environment the server reads its keystore password from ({@link ServerTlsOptions}). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        JulBridge.install();
        CommandLine line = new CommandLine(new Root())
                .addSubcommand("server", new ServerCommand(out, err, environment))
                .addSubcommand("client", new ClientCommand(in, out, err))
                .addSubcommand("token", new TokenCommand(out, Clock.systemUTC()));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((e, arguments) -> {
            err.println(NAME + ": " + e.getMessage() + " (see --help)");
            return EchoCommand.EXIT_USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parseResult) -> {
            err.println(NAME + ": " + e.getMessage());
            return EchoCommand.EXIT_FAILED;
        });
        return line.execute(args);
    }

    /** With no subcommand, runs the server with its defaults: {@code mvn -pl 05-chat-broadcast exec:java}. */
    @Command(name = NAME, mixinStandardHelpOptions = true,
            description = "A broadcast chat on Java-WebSocket. Without a subcommand: the server.")
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return spec.commandLine().getSubcommands().get("server").execute();
        }
    }

    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Serves the chat page on --port and the chat on --ws-port until Ctrl+C.")
    static final class ServerCommand implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;
        private final Map<String, String> environment;

        @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host = "localhost";

        @Option(names = "--port", paramLabel = "N", description = "The page's HTTP port; 0 takes a free one (default: ${DEFAULT-VALUE}).")
        int port = ChatSettings.DEFAULT_PAGE_PORT;

        @Option(names = "--ws-port", paramLabel = "N", description = "The chat's WebSocket port (default: --port + 1; 0 with --port 0).")
        Integer wsPort;

        @Option(names = "--allow-origin", paramLabel = "ORIGIN",
                description = "Also accept pages from this origin, e.g. http://localhost:3000; '*' accepts all.")
        List<String> allowedOrigins = new ArrayList<>();

        @Option(names = "--redis", paramLabel = "URL",
                description = "Join the cluster of chat nodes that share one room through this Redis, e.g. redis://localhost:6379"
                        + " (default: one room in memory, no Redis).")
        String redis;

        @Mixin
        ServerAuthOptions auth = new ServerAuthOptions();

        @CommandLine.Mixin
        ServerTlsOptions tls = new ServerTlsOptions();

        @Option(names = "--deflate", description = "Accept permessage-deflate compression (RFC 7692) when a member's "
                + "client offers it, as browsers do; the message limit counts inflated bytes (default: off).")
        boolean deflate;

        ServerCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
            this.out = out;
            this.err = err;
            this.environment = environment;
        }

        ChatSettings settings() {
            if (port < 0 || port > 65535) {
                throw usage("--port must be 0..65535, was " + port);
            }
            int chosenWsPort = wsPort != null ? wsPort : port == 0 ? 0 : port + 1;
            if (chosenWsPort < 0 || chosenWsPort > 65535) {
                throw usage("--ws-port must be 0..65535, was " + chosenWsPort);
            }
            if (chosenWsPort == port && port != 0) {
                throw usage("--ws-port must differ from --port (" + port + ")");
            }
            OriginPolicy origins;
            try {
                origins = OriginPolicy.allowing(allowedOrigins);
            } catch (IllegalArgumentException e) {
                throw usage("--allow-origin: " + e.getMessage());
            }
            return ChatSettings.defaults(port, chosenWsPort).withHost(host).withOriginPolicy(origins).withDeflate(deflate);
        }

        /** The cluster to join, or null for the room in memory. */
        ClusterSettings cluster() {
            if (redis == null) {
                return null;
            }
            try {
                return ClusterSettings.defaults(RedisAddress.parse(redis));
            } catch (IllegalArgumentException e) {
                throw usage("--redis: " + e.getMessage());
            }
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(new CommandLine(this), message);
        }

        @Override
        public Integer call() throws InterruptedException {
            ChatSettings settings = settings();
            ClusterSettings cluster = cluster();
            Authentication authentication = auth.authentication(Clock.systemUTC());
            ServerTlsOptions.Chosen certificate;
            try {
                certificate = tls.choose(new CommandLine(this), environment);
            } catch (java.io.IOException e) {
                err.println(NAME + ": cannot use TLS: " + e.getMessage());
                return EchoCommand.EXIT_FAILED;
            }
            settings = certificate == null ? settings : settings.withTls(certificate.context());
            ChatServer server;
            try {
                server = ChatServer.start(settings, cluster, authentication);
            } catch (RedisException e) {
                err.println(NAME + ": cannot reach Redis at " + cluster.redis() + ": " + e.getMessage());
                return EchoCommand.EXIT_FAILED;
            } catch (Exception e) {
                err.println(NAME + ": cannot start the chat on " + settings.host() + " ports " + settings.pagePort()
                        + "/" + settings.wsPort() + ": " + e.getMessage());
                return EchoCommand.EXIT_FAILED;
            }
            String host = urlHost(settings.host());
            out.println(NAME + " chat server is running");
            out.println("  page:      " + (settings.secure() ? "https://" : "http://") + host + ":" + server.pagePort() + "/");
            out.println("  websocket: " + (settings.secure() ? "wss://" : "ws://") + host + ":" + server.wsPort()
                    + ChatRequestTarget.CHAT_PATH + "?name=NAME");
            if (certificate != null) {
                certificate.lines().forEach(line -> out.println("  " + line));
            }
            if (settings.deflate()) {
                out.println("  deflate:   permessage-deflate accepted when offered");
            }
            if (cluster != null) {
                out.println("  cluster:   one room with every node on " + cluster.redis());
            }
            if (authentication != null) {
                out.println("  members:   only with a token from the token command, as their first message");
            }
            out.println("Press Ctrl+C to stop.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "chat-server-shutdown"));
            stopped.await();
            return EchoCommand.EXIT_OK;
        }

        /** The host to print in URLs: a wildcard address is reached as localhost; IPv6 in brackets. */
        static String urlHost(String host) {
            try {
                if (InetAddress.getByName(host).isAnyLocalAddress()) {
                    return "localhost";
                }
            } catch (UnknownHostException e) {
                return host;
            }
            return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        }
    }

    @Command(name = "client", mixinStandardHelpOptions = true,
            description = "Joins the chat: prints every event, sends each line of standard input as a message.")
    static final class ClientCommand implements Callable<Integer> {
        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;

        @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
                description = "The chat endpoint (default: ws://localhost:8086/chat).")
        String url;

        @Option(names = "--name", paramLabel = "NAME", required = true,
                description = "Your name in the chat: 1-32 letters, digits, '_', '-', '.'.")
        String name;

        @Mixin
        ClientAuthOptions auth = new ClientAuthOptions();

        @CommandLine.Mixin
        ClientTlsOptions tls = new ClientTlsOptions();

        @Option(names = "--deflate", description = "Offer permessage-deflate compression (RFC 7692) to the server.")
        boolean deflate;

        ClientCommand(InputStream in, PrintStream out, PrintStream err) {
            this.in = in;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() throws InterruptedException {
            URI uri = target();
            ClientOptions options = tls.options(new CommandLine(this), NAME, err).withDeflate(deflate);
            Iterable<String> lines = () -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().iterator();
            return new ChatClient(out, err, options, auth.firstMessage()).run(uri, lines);
        }

        /** The URL with {@code name=NAME} added to its query. */
        URI target() {
            String text = url != null ? url
                    : "ws://localhost:" + (ChatSettings.DEFAULT_PAGE_PORT + 1) + ChatRequestTarget.CHAT_PATH;
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                String parameter = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
                String query = uri.getRawQuery() == null ? parameter : uri.getRawQuery() + "&" + parameter;
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? ChatRequestTarget.CHAT_PATH : uri.getRawPath();
                return new URI(scheme + "://" + uri.getRawAuthority() + path + "?" + query);
            } catch (Exception e) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "not a WebSocket URL: '" + text + "' (expected ws://host:port/chat)");
            }
        }
    }
}
