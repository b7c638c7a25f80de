package dev.sanfi.sockets.exercises.ch1b;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.RawEchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Chapter 1b's checks run where a page's script runs: a page of 01-echo-raw's server (so that the
 * browser's {@code Origin} is the server's own, which it accepts) in the system's headless Chromium
 * and chromedriver (Debian's {@code chromium} and {@code chromium-driver}, the ones interop's browser
 * tests use). Without them the check is skipped, saying what to install; with {@code CI} set it
 * fails instead, since {@code .ci/run} installs both.
 */
final class PageInChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL = "chapter 1b's checks need Chromium: apt-get install -y chromium chromium-driver";

    /** How long one script may run: a busy machine's Chromium is slow. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    private final RawEchoServer server;
    private final Path profile;
    private final ChromeDriver driver;

    private PageInChromium(RawEchoServer server, Path profile, ChromeDriver driver) {
        this.server = server;
        this.profile = profile;
        this.driver = driver;
    }

    /** Whether Chromium and its driver are there. */
    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /**
     * Skips the calling test without Chromium, saying what to install; each test, not the class,
     * so that the report counts them. In CI the test fails instead.
     */
    static void assumeInstalled() {
        if (System.getenv("CI") != null && !installed()) {
            Assertions.fail("CI is set but " + BROWSER + " or " + DRIVER + " is missing; " + INSTALL);
        }
        Assumptions.assumeTrue(installed(), INSTALL);
    }

    /** An echo server on a free port, and a headless Chromium on its page. */
    static PageInChromium start() throws IOException {
        RawEchoServer server = RawEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        Path profile = Files.createTempDirectory("exercises-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
            PageInChromium page = new PageInChromium(server, profile, driver);
            page.reload();
            return page;
        } catch (RuntimeException e) {
            service.stop();
            server.close();
            delete(profile);
            throw e;
        }
    }

    /** The server's echo endpoint, as a page's script names it. */
    String echoUrl() {
        return "ws://127.0.0.1:" + server.port() + "/echo";
    }

    /** A fresh page: every WebSocket an earlier script opened is gone with the old one. */
    void reload() {
        driver.get("http://127.0.0.1:" + server.port() + "/");
    }

    /**
     * Runs {@code script} in the page as Selenium's asynchronous script: its arguments are
     * {@code args}, then the callback that ends it with its result.
     */
    Object run(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** A script of the exercises' solutions, from the class path (src/main/resources). */
    static String solution(String name) {
        try (InputStream in = PageInChromium.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " next to " + PageInChromium.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            server.close();
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the browser profile " + directory, e);
        }
    }
}
