package dev.sanfi.sockets.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.tls.KeyStoreFiles;
import dev.sanfi.sockets.common.tls.SelfSignedCertificate;
import dev.sanfi.sockets.common.tls.TlsHandshake;
import dev.sanfi.sockets.common.tls.Trust;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's TLS options: {@code server --tls [--keystore ...]} and {@code client --trust/--insecure}. */
@Timeout(30)
class TlsCommandLineTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<ServerSettings> started = new AtomicReference<>();
    private final AtomicReference<ClientOptions> connectedWith = new AtomicReference<>();

    private final EchoModule module = new EchoModule("test-module", 8089,
            settings -> {
                started.set(settings);
                throw new java.net.BindException("Address already in use");
            },
            (uri, options, events) -> {
                connectedWith.set(options);
                throw new java.net.ConnectException("Connection refused");
            });

    private int run(Map<String, String> environment, String... args) {
        return EchoCommand.run(module, args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path keyStore() throws Exception {
        return KeyStoreFiles.write(CERTIFICATE, dir.resolve("server.p12"), PASSWORD.toCharArray());
    }

    private Path passwordFile(String content) throws Exception {
        return Files.writeString(dir.resolve("password.txt"), content);
    }

    @Test
    void tlsAloneMakesACertificateForThisMachineAndWritesItsPemWhereTheBannerSays() throws Exception {
        ServerTlsOptions options = new ServerTlsOptions();
        options.tls = true;
        ServerTlsOptions.Chosen chosen = options.choose(new picocli.CommandLine(options), Map.of());
        List<String> banner = EchoCommand.ServerCommand.running("test-module",
                ServerSettings.defaults(0).withTls(chosen.context()), 8443, chosen);

        assertThat(banner).contains("  page:      https://localhost:8443/", "  websocket: wss://localhost:8443/echo");
        assertThat(banner).anySatisfy(line -> assertThat(line).matches("  sha-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        Matcher pem = Pattern.compile("  pem: +(\\S+) .*").matcher(banner.stream()
                .filter(line -> line.startsWith("  pem:")).findFirst().orElseThrow());
        assertThat(pem.matches()).isTrue();
        Path file = Path.of(pem.group(1));
        assertThat(file.getFileName()).hasToString(ServerTlsOptions.PEM_FILE_NAME);
        assertThat(file.getParent().getFileName().toString()).as("a fresh temporary directory").startsWith("sanfi-tls-");
        // A client that trusts the written PEM accepts the server under every local name.
        SSLContext trusting = Trust.onlyThese(Trust.readPem(file));
        for (String name : SelfSignedCertificate.LOCAL_NAMES) {
            assertThat(TlsHandshake.run(chosen.context(), trusting, name)).as(name).isEqualTo("hello");
        }
        String fingerprint = banner.stream().filter(line -> line.startsWith("  sha-256:")).findFirst().orElseThrow()
                .replaceAll("  sha-256: +", "");
        assertThat(fingerprint).isEqualTo(sha256(Trust.readPem(file).get(0)));
    }

    @Test
    void aPlainServerPrintsPlainUrls() {
        assertThat(EchoCommand.ServerCommand.running("test-module", ServerSettings.defaults(0), 8089, null))
                .containsExactly("test-module echo server is running", "  page:      http://localhost:8089/",
                        "  websocket: ws://localhost:8089/echo");
    }

    @Test
    void serverTlsStartsTheServerWithACertificate() {
        assertThat(run("server", "--tls", "--port", "0")).isEqualTo(1);

        assertThat(started.get().secure()).isTrue();
        assertThat(err()).isEqualToIgnoringNewLines("test-module: cannot start the server on localhost:0: Address already in use");
    }

    @Test
    void aKeyStoreWithItsPasswordInAFileIsServed() throws Exception {
        assertThat(run("server", "--tls", "--keystore", keyStore().toString(),
                "--keystore-password-file", passwordFile(PASSWORD + "\n").toString())).isEqualTo(1);

        assertThat(started.get().secure()).isTrue();
        assertThat(TlsHandshake.run(started.get().tls(), CERTIFICATE.trustingContext(), "localhost")).isEqualTo("hello");
    }

    @Test
    void aKeyStoreWithItsPasswordInTheEnvironmentIsServed() throws Exception {
        assertThat(run(Map.of(ServerTlsOptions.PASSWORD_VARIABLE, PASSWORD), "server", "--keystore", keyStore().toString()))
                .isEqualTo(1);

        assertThat(started.get().secure()).as("--keystore implies --tls").isTrue();
        assertThat(TlsHandshake.run(started.get().tls(), CERTIFICATE.trustingContext(), "localhost")).isEqualTo("hello");
    }

    @Test
    void aKeyStoreWithoutAPasswordIsABadArgument() throws Exception {
        assertThat(run("server", "--tls", "--keystore", keyStore().toString())).isEqualTo(2);

        assertThat(err()).hasLineCount(1).startsWith("test-module: --keystore needs its password")
                .contains("--keystore-password-file", ServerTlsOptions.PASSWORD_VARIABLE);
        assertThat(started.get()).isNull();
    }

    @Test
    void aWrongPasswordIsOneLineAndExitCode1() throws Exception {
        Path store = keyStore();
        assertThat(run(Map.of(ServerTlsOptions.PASSWORD_VARIABLE, "guess"), "server", "--tls", "--keystore", store.toString()))
                .isEqualTo(1);

        assertThat(err()).isEqualToIgnoringNewLines("test-module: cannot use TLS: " + store + ": wrong password");
        assertThat(started.get()).isNull();
    }

    @Test
    void aFileThatIsNoKeyStoreIsOneLineAndExitCode1() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThat(run(Map.of(ServerTlsOptions.PASSWORD_VARIABLE, PASSWORD), "server", "--tls", "--keystore", notes.toString()))
                .isEqualTo(1);

        assertThat(err()).hasLineCount(1).startsWith("test-module: cannot use TLS: " + notes + ": not a PKCS#12 key store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server --tls --keystore MISSING --keystore-password-file PASSWORD",
            "server --tls --keystore STORE --keystore-password-file MISSING",
            "server --tls --keystore-password-file PASSWORD",
            "server --tls --keystore-password",
            "client wss://localhost:1/echo --trust MISSING",
            "client wss://localhost:1/echo --trust PASSWORD",
            "client wss://localhost:1/echo --insecure --trust PEM"})
    void badTlsArgumentsGiveOneLineAndExitCode2(String args) throws Exception {
        Path pem = Files.writeString(dir.resolve("server.pem"), CERTIFICATE.pem());
        String line = args.replace("MISSING", dir.resolve("missing").toString()).replace("STORE", keyStore().toString())
                .replace("PASSWORD", passwordFile(PASSWORD).toString()).replace("PEM", pem.toString());

        assertThat(run(line.split(" "))).as(args).isEqualTo(2);
        assertThat(err().lines()).as(err()).hasSize(1);
        assertThat(err()).startsWith("test-module: ");
        assertThat(started.get()).isNull();
        assertThat(connectedWith.get()).isNull();
    }

    @Test
    void theClientChecksCertificatesAndHostNamesByDefault() {
        assertThat(run("client", "wss://localhost:1/echo", "--message", "hi")).isEqualTo(1);

        assertThat(connectedWith.get()).isEqualTo(ClientOptions.defaults());
        assertThat(connectedWith.get().verifyHostname()).isTrue();
    }

    @Test
    void trustAddsTheFileToTheJdkTrustAndStillChecksTheHostName() throws Exception {
        Path pem = Files.writeString(dir.resolve("server.pem"), CERTIFICATE.pem());
        assertThat(run("client", "wss://localhost:1/echo", "--trust", pem.toString(), "--message", "hi")).isEqualTo(1);

        ClientOptions options = connectedWith.get();
        assertThat(options.verifyHostname()).isTrue();
        assertThat(TlsHandshake.run(CERTIFICATE.serverContext(), options.trust(), "localhost")).isEqualTo("hello");
        assertThat(err()).doesNotContain("warning");
    }

    @Test
    void insecureWarnsInOneLineAndChecksNothing() throws Exception {
        assertThat(run("client", "wss://localhost:1/echo", "--insecure", "--message", "hi")).isEqualTo(1);

        ClientOptions options = connectedWith.get();
        assertThat(options.verifyHostname()).isFalse();
        SelfSignedCertificate stranger = SelfSignedCertificate.create(List.of("example.org"),
                java.time.Instant.now().minusSeconds(60), java.time.Duration.ofDays(1));
        assertThat(TlsHandshake.run(stranger.serverContext(), options.trust(), "localhost", false)).isEqualTo("hello");
        assertThat(err().lines().filter(line -> line.contains("warning"))).singleElement().asString()
                .startsWith("test-module: warning: --insecure");
    }

    @Test
    void aRefusedCertificateIsOneLineNamingTheCheckAndExitCode1() {
        EchoModule refusing = new EchoModule("test-module", 8089, module.server(), (uri, options, events) -> {
            try {
                TlsHandshake.run(SelfSignedCertificate.forLocalhost().serverContext(), CERTIFICATE.trustingContext(),
                        "localhost");
                throw new AssertionError("a stranger's certificate was accepted");
            } catch (SSLHandshakeException refused) {
                throw new java.io.IOException("the upgrade failed", refused); // as a stack would wrap it
            }
        });
        int code = EchoCommand.run(refusing, new String[] {"client", "wss://localhost:1/echo", "--message", "hi"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err()).hasLineCount(1).startsWith("test-module: cannot connect to wss://localhost:1/echo: ")
                .contains("untrusted issuer").doesNotContain("Exception", "\tat ");
    }

    @Test
    void helpListsTheTlsOptions() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--tls", "--keystore=FILE", "--keystore-password-file=FILE",
                ServerTlsOptions.PASSWORD_VARIABLE);
        out.reset();
        assertThat(run("client", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--trust=FILE.pem", "--insecure");
    }

    private static String sha256(java.security.cert.X509Certificate certificate) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
