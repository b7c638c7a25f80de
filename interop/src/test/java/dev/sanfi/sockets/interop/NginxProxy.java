package dev.sanfi.sockets.interop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nginx from the distribution's package, as a reverse proxy that terminates TLS in front of a plain
 * {@code ws://} server: one process started with a configuration written at run time into a
 * temporary directory of its own (its pid file, error log and temporary paths there too, in the
 * foreground: {@code daemon off}), from the template {@code src/test/resources/nginx/echo-proxy.conf}
 * that chapter 10 quotes. {@link #close()} stops it with SIGTERM and deletes the directory.
 */
final class NginxProxy implements AutoCloseable {

    /** The template, and the line of it that tells nginx which Host to send the backend. */
    static final Path TEMPLATE = OutsideRuntime.ROOT.resolve("interop/src/test/resources/nginx/echo-proxy.conf");
    static final String FORWARD_HOST = "proxy_set_header Host $http_host;";
    static final String INSTALL = "install nginx: apt-get install -y nginx";

    /** Where Debian puts it; a user's PATH often lacks /usr/sbin. */
    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** A free port may be taken between our check and nginx's bind: so many tries. */
    private static final int TRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(NginxProxy.class);

    private final Process process;
    private final Path directory;
    private final int port;

    private NginxProxy(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Skips the calling test, saying what to install, where there is no nginx; fails in CI, which installs it. */
    static void assumeInstalled() {
        boolean found = executable() != null;
        if (System.getenv("CI") != null && !found) {
            Assertions.fail("CI is set but there is no nginx; " + INSTALL);
        }
        if (!found) {
            LOG.warn("no nginx: the reverse-proxy tests are skipped; {}", INSTALL);
        }
        Assumptions.assumeTrue(found, INSTALL);
    }

    private static Path executable() {
        return LOCATIONS.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Starts nginx on a free port of 127.0.0.1 with the template's configuration, TLS from the
     * certificate (its key written next to its PEM), proxying to {@code backend}; {@code edit}
     * changes the configuration's text first (a test's variant), and must find what it replaces.
     */
    static NginxProxy start(TestCertificate certificate, InetSocketAddress backend, Map<String, String> edit)
            throws IOException {
        String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> change : edit.entrySet()) {
            if (!template.contains(change.getKey())) {
                throw new IllegalArgumentException(TEMPLATE + " has no '" + change.getKey() + "' to change");
            }
            template = template.replace(change.getKey(), change.getValue());
        }
        Path key = certificate.writePrivateKey();
        IOException last = null;
        for (int i = 0; i < TRIES; i++) {
            Path directory = Files.createTempDirectory("interop-nginx-");
            int port = freePort();
            String config = template.replace("@DIR@", directory.toString())
                    .replace("@PORT@", String.valueOf(port))
                    .replace("@CERTIFICATE@", certificate.pemFile().toString())
                    .replace("@KEY@", key.toString())
                    .replace("@BACKEND@", backend.getHostString() + ":" + backend.getPort());
            Path file = Files.writeString(directory.resolve("nginx.conf"), config, StandardCharsets.UTF_8);
            // -p: paths relative to the directory; -e: the error log before the configuration is read,
            // where nginx would otherwise open the distribution's /var/log/nginx/error.log.
            Process process = new ProcessBuilder(executable().toString(), "-p", directory.toString(), "-c", file.toString(),
                    "-e", directory.resolve("error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("output.log").toFile())
                    .start();
            NginxProxy proxy = new NginxProxy(process, directory, port);
            try {
                // nginx writes its pid file once it has bound its port: then it takes connections.
                await().atMost(START_TIMEOUT).until(() -> Files.exists(directory.resolve("nginx.pid")) || !process.isAlive());
                if (process.isAlive()) {
                    return proxy;
                }
                last = new IOException("nginx did not start: " + proxy.log());
            } catch (RuntimeException e) {
                last = new IOException("nginx did not write its pid file within " + START_TIMEOUT.toSeconds() + " s: "
                        + proxy.log(), e);
            }
            proxy.close();
            if (!last.getMessage().contains("Address already in use")) {
                break;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The port nginx serves {@code https://} and {@code wss://} on. */
    int port() {
        return port;
    }

    /** What nginx said: its error log and its output. */
    String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("error.log", "output.log")) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    text.append(new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8).strip()).append(' ');
                } catch (IOException e) {
                    text.append("(cannot read ").append(name).append(") ");
                }
            }
        }
        return text.toString().strip();
    }

    /** SIGTERM (nginx's fast shutdown: the master ends its workers, then itself), then the directory goes. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
