package dev.sanfi.sockets.exercises.ch1b;

import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.raw.RawEchoServer;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Chapter 1b's checks run where a page's script runs: a page of 01-echo-raw's server (so that the
 * browser's {@code Origin} is the server's own, which it accepts) in testkit's headless Chromium,
 * the one interop's browser tests use. Without Chromium the check is skipped, saying what to
 * install; with {@code CI} set it fails instead, since {@code .ci/run} installs it.
 */
final class PageInChromium implements AutoCloseable {

    /** How long one script may run: a busy machine's Chromium is slow. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    private final RawEchoServer server;
    private final HeadlessChromium chromium;

    private PageInChromium(RawEchoServer server, HeadlessChromium chromium) {
        this.server = server;
        this.chromium = chromium;
    }

    /** Whether Chromium and its driver are there. */
    static boolean installed() {
        return HeadlessChromium.installed();
    }

    /** Skips the calling test without Chromium (each test, so that the report counts them); fails in CI. */
    static void assumeInstalled() {
        HeadlessChromium.assumeInstalled();
    }

    /** An echo server on a free port, and a headless Chromium on its page. */
    static PageInChromium start() throws IOException {
        RawEchoServer server = RawEchoServer.start(ServerSettings.defaults(0).withHost("127.0.0.1"));
        try {
            HeadlessChromium chromium = HeadlessChromium.start();
            chromium.driver().manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
            PageInChromium page = new PageInChromium(server, chromium);
            page.reload();
            return page;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The server's echo endpoint, as a page's script names it. */
    String echoUrl() {
        return "ws://127.0.0.1:" + server.port() + "/echo";
    }

    /** A fresh page: every WebSocket an earlier script opened is gone with the old one. */
    void reload() {
        chromium.driver().get("http://127.0.0.1:" + server.port() + "/");
    }

    /**
     * Runs {@code script} in the page as Selenium's asynchronous script: its arguments are
     * {@code args}, then the callback that ends it with its result.
     */
    Object run(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver()).executeAsyncScript(script, args);
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
            chromium.close();
        } finally {
            server.close();
        }
    }
}
