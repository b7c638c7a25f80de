package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Every echo server's own page ({@code GET /}, common's echo-page.html) in a real browser: the
 * page connects by itself, echoes a text and 16 random bytes, and closes with 1000. One Chromium
 * serves all the modules' servers, one after the other.
 */
@DisplayName("Chromium -> every echo page")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EchoPageBrowserTest {

    /** Typed by the browser, so only characters of the Basic Multilingual Plane (chromedriver's limit). */
    private static final String TEXT = "hello from Chromium, héllo ✓";

    private TestCertificate certificate;
    private HeadlessChromium chromium;

    /** One browser for every page, trusting the certificate of this class's https:// servers. */
    @BeforeAll
    void startBrowser() throws Exception {
        certificate = TestCertificate.create();
        if (HeadlessChromium.installed()) {
            chromium = HeadlessChromium.trusting(certificate.spkiSha256Base64());
        }
    }

    /** Each test, not the class, is skipped without Chromium: so the report counts and explains them. */
    @BeforeEach
    void requireBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    void stopBrowser() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            certificate.close();
        }
    }

    @ParameterizedTest(name = "Chromium -> {0} page: connect, echo text and binary, close")
    @MethodSource("pages")
    void echoPage(ServerStack stack) throws Exception {
        try (EchoServer server = stack.starter().start(ServerSettings.defaults(0).withHost("127.0.0.1"))) {
            WebDriver page = chromium.driver();
            page.get("http://127.0.0.1:" + server.port() + "/");
            awaitState("open");
            // Chromium offers permessage-deflate; without ServerSettings.deflate() no server takes it up.
            assertThat(page.findElement(By.id("extensions")).getText()).isEqualTo("(none)");

            page.findElement(By.id("text")).sendKeys(TEXT);
            page.findElement(By.id("send")).click();
            assertThat(awaitLine("received", 1)).isEqualTo(TEXT);

            page.findElement(By.id("send-random")).click();
            String sentBytes = awaitLine("sent", 2);
            assertThat(sentBytes).startsWith("binary, 16 bytes: ");
            assertThat(awaitLine("received", 2)).isEqualTo(sentBytes);

            page.findElement(By.id("close")).click();
            awaitState("closed");
            assertThat(lines("info")).last().asString().startsWith("closed: 1000");
        }
    }

    @ParameterizedTest(name = "Chromium -> {0} page over https://: echo text and binary through wss://, close")
    @MethodSource("pagesOverTls")
    void echoPageOverTls(ServerStack stack) throws Exception {
        ServerSettings settings = Transport.WSS.serverSettings(ServerSettings.defaults(0).withHost("127.0.0.1"), certificate);
        try (EchoServer server = stack.starter().start(settings)) {
            WebDriver page = chromium.driver();
            page.get("https://127.0.0.1:" + server.port() + "/");
            awaitState("open");
            // A page loaded over https:// opens wss:// (a ws:// one would be blocked as mixed content).
            assertThat(page.findElement(By.id("url")).getText()).isEqualTo("wss://127.0.0.1:" + server.port() + "/echo");

            page.findElement(By.id("text")).sendKeys(TEXT);
            page.findElement(By.id("send")).click();
            assertThat(awaitLine("received", 1)).isEqualTo(TEXT);

            page.findElement(By.id("send-random")).click();
            String sentBytes = awaitLine("sent", 2);
            assertThat(awaitLine("received", 2)).isEqualTo(sentBytes);

            page.findElement(By.id("close")).click();
            awaitState("closed");
            assertThat(lines("info")).last().asString().startsWith("closed: 1000");
        }
    }

    @ParameterizedTest(name = "Chromium -> {0} page, server with permessage-deflate: the extension agreed and shown, "
            + "a long text echoed")
    @MethodSource("pagesWithDeflate")
    void echoPageWithDeflate(ServerStack stack) throws Exception {
        ServerSettings settings = Transport.DEFLATE.serverSettings(ServerSettings.defaults(0).withHost("127.0.0.1"), certificate);
        try (EchoServer server = stack.starter().start(settings)) {
            WebDriver page = chromium.driver();
            page.get("http://127.0.0.1:" + server.port() + "/");
            awaitState("open");
            // Chromium offers permessage-deflate on every connection; the page shows WebSocket.extensions,
            // the server's answer (RFC 7692 §5), with whatever parameters the server added.
            assertThat(page.findElement(By.id("extensions")).getText()).startsWith("permessage-deflate");

            String longText = TEXT.repeat(20);
            page.findElement(By.id("text")).sendKeys(longText);
            page.findElement(By.id("send")).click();
            assertThat(awaitLine("received", 1)).isEqualTo(longText);

            page.findElement(By.id("close")).click();
            awaitState("closed");
        }
    }

    @Test
    @DisplayName("Chromium -> 01-echo-raw page: a server that goes away and comes back is reconnected to, with the close shown")
    void pageReconnectsAfterTheServerComesBack() throws Exception {
        ServerSettings settings = ServerSettings.defaults(0).withHost("127.0.0.1");
        int port;
        try (EchoServer first = ServerStack.RAW.starter().start(settings)) {
            port = first.port();
            chromium.driver().get("http://127.0.0.1:" + port + "/");
            awaitState("open");
        }
        // The server said why it closed, and the page keeps that line in its log, then retries.
        assertThat(awaitLine("info", 2)).startsWith("closed: 1001");
        assertThat(awaitLine("info", 3)).startsWith("reconnecting in ");
        try (EchoServer second = ServerStack.RAW.starter().start(settings.withPort(port))) {
            awaitState("open");
            page().findElement(By.id("text")).sendKeys("again");
            page().findElement(By.id("send")).click();
            assertThat(awaitLine("received", 1)).isEqualTo("again");
            page().findElement(By.id("close")).click();
            awaitState("closed");
        }
        assertThat(lines("info")).as("a close the user asked for is not retried").last().asString().startsWith("closed: 1000");
    }

    @Test
    @DisplayName("Chromium -> 01-echo-raw page: labelled input, announced state, timestamps, and the WebSocket's own fields")
    void pageIsReadableAndShowsTheConnection() throws Exception {
        try (EchoServer server = ServerStack.RAW.starter().start(ServerSettings.defaults(0).withHost("127.0.0.1"))) {
            chromium.driver().get("http://127.0.0.1:" + server.port() + "/");
            awaitState("open");

            assertThat(page().findElement(By.cssSelector("label[for=text]")).getText()).isNotBlank();
            assertThat(page().findElement(By.id("state")).getDomAttribute("aria-live")).isEqualTo("polite");
            assertThat(page().findElement(By.cssSelector("#log li time")).getText()).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
            assertThat(page().findElement(By.id("ready-state")).getText()).as("WebSocket.OPEN").isEqualTo("1");
            // Chromium offers permessage-deflate; the echo servers negotiate no extension (RFC 6455 §9.1).
            assertThat(page().findElement(By.id("extensions")).getText()).isEqualTo("(none)");
            assertThat(page().findElement(By.id("protocol")).getText()).isEqualTo("(none)");
            assertThat(page().findElement(By.id("buffered")).getText()).isEqualTo("0");
            page().findElement(By.id("close")).click();
            awaitState("closed");
        }
    }

    @Test
    @DisplayName("Chromium -> 01-echo-raw page: the page's own heartbeat is answered by the echo and not shown as a message")
    void heartbeatIsAnsweredByALiveServer() throws Exception {
        try (EchoServer server = ServerStack.RAW.starter().start(ServerSettings.defaults(0).withHost("127.0.0.1"))) {
            chromium.driver().get("http://127.0.0.1:" + server.port() + "/?heartbeat=1");
            awaitState("open");

            chromium.await().withMessage(() -> "a heartbeat answered; log: " + lines("info") + lines("error"))
                    .until(page -> lines("info").stream().anyMatch(line -> line.startsWith("heartbeat answered in ")));
            assertThat(lines("info")).contains("heartbeat sent");
            assertThat(lines("received")).as("the heartbeat's echo is the page's, not a message").isEmpty();
            assertThat(page().findElement(By.id("state")).getDomAttribute("data-state")).isEqualTo("open");
            page().findElement(By.id("close")).click();
            awaitState("closed");
        }
    }

    @Test
    @DisplayName("Chromium -> a server gone silent: no answer to the heartbeat, the page gives the connection up and reconnects")
    void heartbeatNoticesASilentServer() throws Exception {
        try (SilentServer server = new SilentServer()) {
            chromium.driver().get("http://127.0.0.1:" + server.port() + "/?heartbeat=1");
            awaitState("open");

            // Nothing closed the connection: only the heartbeat tells the page that nobody answers.
            assertThat(awaitLine("error", 1)).isEqualTo("no answer to the heartbeat in 1 s: the connection is dead");
            chromium.await().withMessage(() -> "a reconnect; log: " + lines("info"))
                    .until(page -> lines("info").stream().anyMatch(line -> line.startsWith("reconnecting in ")));
            assertThat(lines("info")).as("the abandoned connection's close is not waited for").noneMatch(line -> line.startsWith("closed:"));
            chromium.driver().get("about:blank"); // stop the page's retries before the server goes
        }
    }

    @Test
    @DisplayName("Chromium -> 01-echo-raw: the WebSocket API's rules of chapter 1b (send while connecting, close codes, a refused subprotocol)")
    void theBrowsersRulesForScripts() throws Exception {
        try (EchoServer server = ServerStack.RAW.starter().start(ServerSettings.defaults(0).withHost("127.0.0.1"))) {
            chromium.driver().get("http://127.0.0.1:" + server.port() + "/");
            awaitState("open");
            JavascriptExecutor script = (JavascriptExecutor) chromium.driver();

            Object rules = script.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const seen = [];
                    const ws = new WebSocket(url);
                    const name = (action) => { try { action(); return "ok"; } catch (e) { return e.name; } };
                    seen.push("send while connecting: " + name(() => ws.send("early")));
                    ws.onopen = () => {
                      seen.push("close(1001): " + name(() => ws.close(1001)));
                      seen.push("close(4000, 124 bytes): " + name(() => ws.close(4000, "x".repeat(124))));
                      seen.push("binaryType: " + ws.binaryType);
                      ws.close(4000, "done");
                    };
                    ws.onclose = (event) => { seen.push("closed: " + event.code + " " + event.reason + " " + event.wasClean); done(seen); };
                    """);
            assertThat(rules).asList().containsExactly(
                    "send while connecting: InvalidStateError",
                    "close(1001): InvalidAccessError",
                    "close(4000, 124 bytes): SyntaxError",
                    "binaryType: blob",
                    "closed: 4000 done true");

            // The echo servers choose no subprotocol; a page that offered one does not get a connection.
            Object refused = script.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const seen = [];
                    const ws = new WebSocket(url, ["chat.v1"]);
                    ws.onopen = () => seen.push("open");
                    ws.onerror = () => seen.push("error");
                    ws.onclose = (event) => { seen.push("closed: " + event.code); done(seen); };
                    """);
            assertThat(refused).asList().containsExactly("error", "closed: 1006");
            page().findElement(By.id("close")).click();
            awaitState("closed");
        }
    }

    private WebDriver page() {
        return chromium.driver();
    }

    /** The servers with an echo page; the reference server has none. */
    static List<ServerStack> pages() {
        return ServerStack.pages();
    }

    /** The pages whose server speaks TLS; the table shows the others as such. */
    static List<ServerStack> pagesOverTls() {
        return ServerStack.pages(Transport.WSS);
    }

    /** The pages whose server accepts permessage-deflate. */
    static List<ServerStack> pagesWithDeflate() {
        return ServerStack.pages(Transport.DEFLATE);
    }

    private void awaitState(String state) {
        chromium.await().withMessage(() -> "state " + state + "; log: " + lines("info") + lines("error"))
                .until(page -> state.equals(page.findElement(By.id("state")).getDomAttribute("data-state")));
    }

    /** Waits for the n-th log line of a kind ("sent", "received", "info", "error") and returns it. */
    private String awaitLine(String kind, int n) {
        chromium.await().withMessage(() -> n + " " + kind + " lines; log: " + lines(kind) + lines("error"))
                .until(page -> lines(kind).size() >= n);
        return lines(kind).get(n - 1);
    }

    private List<String> lines(String kind) {
        return chromium.driver().findElements(By.cssSelector("#log li." + kind + " .text")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
