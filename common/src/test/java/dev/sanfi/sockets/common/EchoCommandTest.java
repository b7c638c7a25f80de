package dev.sanfi.sockets.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<ServerSettings> started = new AtomicReference<>();
    private final AtomicReference<URI> connectedTo = new AtomicReference<>();
    private final AtomicReference<ClientOptions> connectedWith = new AtomicReference<>();

    private final EchoModule module = new EchoModule("test-module", 8089,
            settings -> {
                started.set(settings);
                throw new java.net.BindException("Address already in use");
            },
            (uri, options, events) -> {
                connectedTo.set(uri);
                connectedWith.set(options);
                throw new ConnectException("Connection refused");
            });

    private int run(String... args) {
        return EchoCommand.run(module, args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--nope", "server --port abc", "server --port 70000", "server --idle-timeout 0",
            "server --max-message-bytes 0", "server --allow-origin localhost/x", "client ftp://x/echo",
            "client --message", "server --idle-timeout 10 --ping-interval 10", "frobnicate"})
    void badArgumentsGiveOneLineOnStderrAndExitCode2(String args) {
        int code = run(args.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("test-module: ").contains("--help");
        assertThat(started.get()).as("no server was started").isNull();
    }

    @Test
    void helpPrintsUsageAndExits0() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port", "--allow-origin", "--idle-timeout");
    }

    @Test
    void aServerThatCannotStartIsOneLineAndExitCode1() {
        int code = run("server", "--port", "0", "--host", "127.0.0.1", "--max-message-bytes", "2048",
                "--idle-timeout", "30", "--allow-origin", "http://localhost:3000");

        assertThat(code).isEqualTo(1);
        assertThat(err()).isEqualToIgnoringNewLines(
                "test-module: cannot start the server on 127.0.0.1:0: Address already in use");
        ServerSettings settings = started.get();
        assertThat(settings.port()).isZero();
        assertThat(settings.maxMessageBytes()).isEqualTo(2048);
        assertThat(settings.idleTimeout()).hasSeconds(30);
        assertThat(settings.pingInterval()).hasSeconds(15);
        assertThat(settings.originPolicy().allowedOrigins()).containsExactly("http://localhost:3000");
    }

    @Test
    void withoutArgumentsTheServerStartsWithTheDefaults() {
        assertThat(run()).isEqualTo(1);

        assertThat(started.get()).isEqualTo(ServerSettings.defaults(8089));
    }

    @Test
    void deflateIsOffUnlessAskedForOnBothSides() {
        run("server", "--port", "0");
        assertThat(started.get().deflate()).as("chapters 1-4 show plain bytes: no compression by default").isFalse();
        run("server", "--port", "0", "--deflate");
        assertThat(started.get().deflate()).isTrue();

        run("client", "--message", "hi");
        assertThat(connectedWith.get().deflate()).isFalse();
        run("client", "--deflate", "--message", "hi");
        assertThat(connectedWith.get().deflate()).as("client --deflate offers permessage-deflate").isTrue();
    }

    @Test
    void helpNamesDeflateOnBothCommands() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--deflate", "RFC 7692", "default: off");
        out.reset();
        assertThat(run("client", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--deflate", "RFC 7692");
    }

    @Test
    void anUnreachableServerIsOneLineAndExitCode1() {
        int code = run("client", "--message", "hi");

        assertThat(code).isEqualTo(1);
        assertThat(connectedTo.get()).hasToString("ws://localhost:8089/echo");
        assertThat(err()).isEqualToIgnoringNewLines(
                "test-module: cannot connect to ws://localhost:8089/echo: Connection refused");
    }

    @Test
    void helpNamesTheModuleAndItsRealDefaults() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: test-module server")
                .contains("(default: 8089)")
                .doesNotContain("<main class>");
        out.reset();

        assertThat(run("client", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(default: ws://localhost:8089/echo)");
    }

    @Test
    void aModuleWithIoModelsOffersThemAndStartsTheChosenOne() {
        AtomicReference<String> chosen = new AtomicReference<>();
        EchoModule twoWays = module.withIoModels(orderedModels(chosen));
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(EchoCommand.run(twoWays, new String[] {"server", "--help"}, in, stdout, stderr)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--io=MODEL", "threads, selector", "(default: threads)");

        assertThat(EchoCommand.run(twoWays, new String[] {"server", "--io", "selector"}, in, stdout, stderr)).isEqualTo(1);
        assertThat(chosen.get()).isEqualTo("selector");
        assertThat(EchoCommand.run(twoWays, new String[0], in, stdout, stderr)).isEqualTo(1);
        assertThat(chosen.get()).as("without --io, the first model").isEqualTo("threads");

        err.reset();
        assertThat(EchoCommand.run(twoWays, new String[] {"server", "--io", "epoll"}, in, stdout, stderr)).isEqualTo(2);
        assertThat(err()).startsWith("test-module: --io must be one of threads, selector").hasLineCount(1);
        err.reset();
        assertThat(run("server", "--io", "selector")).as("a module with one way has no --io").isEqualTo(2);
        assertThat(err()).contains("--io");
    }

    private static java.util.Map<String, EchoServer.Starter> orderedModels(AtomicReference<String> chosen) {
        java.util.Map<String, EchoServer.Starter> models = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"threads", "selector"}) {
            models.put(name, settings -> {
                chosen.set(name);
                throw new java.net.BindException("Address already in use");
            });
        }
        return models;
    }

    @Test
    void versionPrintsTheBuiltVersion() {
        assertThat(run("--version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).strip()).matches("sanfi-sockets \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void urlHostsArePrintedSoThatTheyCanBeOpened() {
        assertThat(EchoCommand.ServerCommand.urlHost("0.0.0.0")).isEqualTo("localhost");
        assertThat(EchoCommand.ServerCommand.urlHost("::1")).isEqualTo("[::1]");
        assertThat(EchoCommand.ServerCommand.urlHost("localhost")).isEqualTo("localhost");
    }
}
