package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.common.tls.Trust;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -cp ... dev.sanfi.sockets.bench.Main echo|chat|bare-netty-server|speed-chart ...}; bench/run
 * puts them together. Prints a human summary and one {@code RESULT key=value ...} line for scripts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load for the side-by-side measurements of chapter 9.",
        subcommands = {Main.Echo.class, Main.Idle.class, Main.Chat.class, Main.BareNetty.class, Main.Chart.class, Main.Table.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        CommandLine line = new CommandLine(new Main());
        // A load that cannot run (no server, refused upgrades, a bad certificate) says why in one line.
        line.setExecutionExceptionHandler((e, command, parseResult) -> {
            System.err.println("bench " + command.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        System.exit(line.execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    /** How every load connects and what it reads about the server: the options the loads share. */
    static final class Connecting {
        @Option(names = "--trust", paramLabel = "FILE.pem",
                description = "For wss://: trust only the certificates in this PEM file (default: the JDK's trust store).")
        Path trust;

        @Option(names = "--deflate", description = "Offer permessage-deflate (RFC 7692) and use it if the server agrees.")
        boolean deflate;

        @Option(names = "--server-pid", paramLabel = "PID",
                description = "The server's process id: its CPU time, memory and threads are read from /proc.")
        long serverPid;

        @Option(names = "--clock-ticks", paramLabel = "N",
                description = "Clock ticks a second of /proc's CPU times, getconf CLK_TCK (default: ${DEFAULT-VALUE}).")
        int clockTicks = ProcessStats.DEFAULT_CLOCK_TICKS;

        LoadLoop.Options options() throws IOException {
            return new LoadLoop.Options(trust == null ? null : Trust.onlyThese(Trust.readPem(trust)), deflate);
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "N connections echoing text or binary messages of S bytes: K in flight each, or R a second each.")
    static final class Echo implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "ws://HOST:PORT/echo or wss://HOST:PORT/echo")
        URI server;

        @Option(names = {"-c", "--connections"}, paramLabel = "N", description = "Connections (default: ${DEFAULT-VALUE}).")
        int connections = 100;

        @Option(names = {"-k", "--in-flight"}, paramLabel = "K", description = "Messages in flight per connection, unpaced (default: ${DEFAULT-VALUE}).")
        int inFlight = 10;

        @Option(names = {"-r", "--rate"}, paramLabel = "R",
                description = "Paced instead: messages a second per connection, whatever comes back (default: unpaced).")
        double rate;

        @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "text or binary (default: ${DEFAULT-VALUE}).")
        String type = "binary";

        @Option(names = {"-s", "--size"}, paramLabel = "S",
                description = "Message size in bytes, 32 to 1048576 (default: ${DEFAULT-VALUE}).")
        int size = 32;

        @Option(names = {"-w", "--warmup"}, paramLabel = "SECONDS", description = "Warm-up, not measured (default: ${DEFAULT-VALUE}).")
        int warmup = 3;

        @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "Measured time (default: ${DEFAULT-VALUE}).")
        int duration = 10;

        @CommandLine.Mixin
        Connecting connecting = new Connecting();

        @Override
        public Integer call() throws Exception {
            int opcode = switch (type) {
                case "text" -> Wire.TEXT;
                case "binary" -> Wire.BINARY;
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "--type must be text or binary, was '" + type + "'");
            };
            EchoLoad.Result result = new EchoLoad(new EchoLoad.Settings(server, connecting.options(), connections,
                    inFlight, opcode, size, rate, warmup, duration, connecting.serverPid, connecting.clockTicks))
                    .run(System.out);
            result.print(System.out);
            return result.errors() == 0 && result.lostConnections() == 0 ? 0 : 1;
        }
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "N idle connections: the server's memory and threads per connection, then one echo on each.")
    static final class Idle implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "ws://HOST:PORT/echo or wss://HOST:PORT/echo")
        URI server;

        @Option(names = {"-c", "--connections"}, paramLabel = "N", description = "Connections (default: ${DEFAULT-VALUE}).")
        int connections = 10_000;

        @Option(names = "--hold", paramLabel = "SECONDS", description = "Idle time before the memory is read (default: ${DEFAULT-VALUE}).")
        int hold = 3;

        @Option(names = {"-w", "--warmup"}, paramLabel = "SECONDS",
                description = "Echoes on a hundred of the connections before the round (default: ${DEFAULT-VALUE}).")
        int warmup = 3;

        @Option(names = "--round", paramLabel = "SECONDS", description = "The echo round is spread over this long (default: ${DEFAULT-VALUE}).")
        double round = 1;

        @CommandLine.Mixin
        Connecting connecting = new Connecting();

        @Override
        public Integer call() throws Exception {
            if (connecting.serverPid <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "idle needs --server-pid");
            }
            IdleLoad.Result result = new IdleLoad(new IdleLoad.Settings(server, connecting.options(), connections, hold,
                    warmup, round, connecting.serverPid, connecting.clockTicks)).run(System.out);
            result.print(System.out);
            return result.held() == connections && result.errors() == 0 && result.lost() == 0 ? 0 : 1;
        }
    }

    @Command(name = "chat", mixinStandardHelpOptions = true,
            description = "M members of 05-chat-broadcast, S of them sending; counts deliveries.")
    static final class Chat implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "ws://HOST:WS-PORT (the chat's WebSocket port)")
        URI server;

        @Option(names = {"-m", "--members"}, paramLabel = "M", description = "Members (default: ${DEFAULT-VALUE}).")
        int members = 1000;

        @Option(names = "--senders", paramLabel = "S", description = "Members that send (default: ${DEFAULT-VALUE}).")
        int senders = 1;

        @Option(names = "--rate", paramLabel = "R", description = "Messages a second per sender; the chat allows 20 (default: ${DEFAULT-VALUE}).")
        double rate = 20;

        @Option(names = {"-w", "--warmup"}, paramLabel = "SECONDS", description = "Warm-up, not measured (default: ${DEFAULT-VALUE}).")
        int warmup = 3;

        @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "Measured time (default: ${DEFAULT-VALUE}).")
        int duration = 10;

        @CommandLine.Mixin
        Connecting connecting = new Connecting();

        @Override
        public Integer call() throws Exception {
            ChatLoad.Result result = new ChatLoad(new ChatLoad.Settings(server, connecting.options(), members, senders,
                    rate, warmup, duration, connecting.serverPid, connecting.clockTicks)).run(System.out);
            result.print(System.out);
            return result.lostMembers() == 0 ? 0 : 1;
        }
    }

    @Command(name = "bare-netty-server", mixinStandardHelpOptions = true,
            description = "The simplest Netty WebSocket echo server on /echo, until stopped.")
    static final class BareNetty implements Callable<Integer> {
        @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host = "localhost";

        @Option(names = "--port", paramLabel = "N", description = "Port; 0 takes a free one (default: ${DEFAULT-VALUE}).")
        int port = 0;

        @Option(names = "--tls", description = "wss:// with a self-signed certificate for localhost; its PEM is written to a temporary file.")
        boolean tls;

        @Option(names = "--deflate", description = "Accept permessage-deflate (RFC 7692).")
        boolean deflate;

        @Override
        public Integer call() throws InterruptedException, IOException {
            SelfSignedCertificate certificate = tls ? SelfSignedCertificate.forLocalhost() : null;
            Path pem = null;
            if (certificate != null) {
                pem = Files.createTempFile("bare-netty-", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(pem, certificate.pem());
            }
            BareNettyEchoServer server = BareNettyEchoServer.start(host, port,
                    certificate == null ? null : certificate.serverContext(), deflate);
            System.out.println("bare Netty echo server is running");
            System.out.println("  websocket: " + (tls ? "wss" : "ws") + "://" + host + ":" + server.localAddress().getPort() + "/echo");
            if (pem != null) {
                System.out.println("  certificate: " + pem + " (SHA-256 " + certificate.sha256Fingerprint() + ")");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "bare-netty-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "speed-chart", mixinStandardHelpOptions = true,
            description = "Chapter 9's chart: every server's echoes a second as a multiple of the reference's, per load, as SVG.")
    static final class Chart implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESULTS", description = "A run's results: SERVER LOAD RESULT key=value ... per line")
        Path results;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The SVG file to write.")
        Path out;

        @Option(names = "--reference", paramLabel = "SERVER", description = "The server the others are divided by (default: ${DEFAULT-VALUE}).")
        String reference = SpeedTable.REFERENCE;

        @Option(names = "--subtitle", paramLabel = "TEXT", description = "How the run was made, under the bars (default: none).")
        String subtitle = "";

        @Override
        public Integer call() {
            try {
                SpeedChart.write(results, reference, subtitle, out);
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("speed-chart: " + e.getMessage());
                return 1;
            }
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "speed-table", mixinStandardHelpOptions = true,
            description = "Chapter 9's tables from a run's results: printed, or written into the chapter with its chart.")
    static final class Table implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESULTS", description = "A run's results: SERVER LOAD RESULT key=value ... per line")
        Path results;

        @Option(names = "--into", paramLabel = "CHAPTER.md",
                description = "Replace the tables between the chapter's speed-tables markers instead of printing them.")
        Path chapter;

        @Option(names = "--chart", paramLabel = "FILE.svg", description = "Also draw the chart (with --into).")
        Path chart;

        @Override
        public Integer call() {
            try {
                RunResults run = RunResults.read(results);
                SpeedTable table = new SpeedTable(run);
                if (chapter == null) {
                    System.out.print(table.markdown());
                    return 0;
                }
                table.into(chapter);
                System.out.println("wrote the tables into " + chapter);
                if (chart != null) {
                    // How the run was made, without the versions, which would not fit under the bars.
                    String about = run.about().isEmpty() ? "" : java.util.Arrays.stream(run.about().get(0).split("; "))
                            .filter(part -> !part.startsWith("OpenJDK") && !part.startsWith("Node"))
                            .collect(java.util.stream.Collectors.joining("; "));
                    java.nio.file.Files.writeString(chart, SpeedChart.svg(SpeedChart.bars(run, SpeedTable.REFERENCE), about));
                    System.out.println("wrote " + chart);
                }
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("speed-table: " + e.getMessage());
                return 1;
            }
        }
    }
}
