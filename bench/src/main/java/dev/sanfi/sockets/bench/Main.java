package dev.sanfi.sockets.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        subcommands = {Main.Echo.class, Main.Chat.class, Main.BareNetty.class, Main.Chart.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "N connections x K in-flight binary messages of S bytes against an echo server.")
    static final class Echo implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "ws://HOST:PORT/echo")
        URI server;

        @Option(names = {"-c", "--connections"}, paramLabel = "N", description = "Connections (default: ${DEFAULT-VALUE}).")
        int connections = 100;

        @Option(names = {"-k", "--in-flight"}, paramLabel = "K", description = "Messages in flight per connection (default: ${DEFAULT-VALUE}).")
        int inFlight = 10;

        @Option(names = {"-s", "--size"}, paramLabel = "S", description = "Message size in bytes, 8..125 (default: ${DEFAULT-VALUE}).")
        int size = 32;

        @Option(names = {"-w", "--warmup"}, paramLabel = "SECONDS", description = "Warm-up, not measured (default: ${DEFAULT-VALUE}).")
        int warmup = 3;

        @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "Measured time (default: ${DEFAULT-VALUE}).")
        int duration = 10;

        @Override
        public Integer call() throws Exception {
            EchoLoad.Result result = new EchoLoad(new EchoLoad.Settings(server, connections, inFlight, size, warmup,
                    duration)).run(System.out);
            result.print(System.out);
            return result.errors() == 0 && result.lostConnections() == 0 ? 0 : 1;
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

        @Override
        public Integer call() throws Exception {
            ChatLoad.Result result = new ChatLoad(new ChatLoad.Settings(server, members, senders, rate, warmup,
                    duration)).run(System.out);
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

        @Override
        public Integer call() throws InterruptedException {
            BareNettyEchoServer server = BareNettyEchoServer.start(host, port);
            System.out.println("bare Netty echo server is running");
            System.out.println("  websocket: ws://" + host + ":" + server.localAddress().getPort() + "/echo");
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
            description = "Chapter 9's chart: one bar per server, its echoes a second as a multiple of the reference's, as SVG.")
    static final class Chart implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESULTS", description = "One line per server: SERVER RESULT key=value ...")
        Path results;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The SVG file to write.")
        Path out;

        @Option(names = "--reference", paramLabel = "SERVER", description = "The server the others are divided by (default: ${DEFAULT-VALUE}).")
        String reference = "node";

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
}
