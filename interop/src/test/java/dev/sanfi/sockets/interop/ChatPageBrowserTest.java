package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.ChatServer;
import dev.sanfi.sockets.chat.ChatSettings;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The chat page (05-chat-broadcast) in two real browsers at once, as two people would use it: both
 * join, both see each other's messages and the member list change, and markup in a message stays
 * text. Each test joins both browsers anew, so the tests do not depend on each other.
 */
@DisplayName("two Chromiums -> 05-chat-broadcast page")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatPageBrowserTest {

    /** The transports the chat page is checked over here, for chapter 9's browser table. */
    static final Set<Transport> TRANSPORTS = EnumSet.allOf(Transport.class);

    /** A classic cross-site scripting probe: as HTML it would be an image whose error handler runs. */
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    private TestCertificate certificate;
    private ChatServer server;
    private HeadlessChromium first;
    private HeadlessChromium second;

    /** Two browsers, both trusting the certificate of this class's https:// chat. */
    @BeforeAll
    void start() throws Exception {
        certificate = TestCertificate.create();
        if (HeadlessChromium.installed()) {
            server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"));
            first = HeadlessChromium.trusting(certificate.spkiSha256Base64());
            second = HeadlessChromium.trusting(certificate.spkiSha256Base64());
        }
    }

    /** Each test, not the class, is skipped without Chromium: so the report counts and explains them. */
    @BeforeEach
    void requireBrowsers() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    void stop() {
        try {
            closeBrowser(second);
        } finally {
            try {
                closeBrowser(first);
            } finally {
                try {
                    if (server != null) {
                        server.close();
                    }
                } finally {
                    certificate.close();
                }
            }
        }
    }

    @Test
    @DisplayName("two members see each other join, chat, and leave")
    void joinChatLeave() {
        join(first, "alice");
        join(second, "bob");
        awaitMembers(first, "alice (you)", "bob");
        awaitMembers(second, "alice", "bob (you)");

        say(first, "hello from alice");
        awaitMessage(first, "alice", "hello from alice");
        awaitMessage(second, "alice", "hello from alice");

        second.driver().get("about:blank"); // bob leaves the page: the browser closes his socket
        awaitMembers(first, "alice (you)");
        assertThat(notices(first)).anyMatch(notice -> notice.endsWith("bob left"));
    }

    @Test
    @DisplayName("over https:// and wss://: two members see each other join and chat")
    void joinAndChatOverTls() throws Exception {
        ChatSettings settings = ChatSettings.defaults(0, 0).withHost("127.0.0.1").withTls(certificate.serverContext());
        try (ChatServer secure = ChatServer.start(settings)) {
            String url = "https://127.0.0.1:" + secure.pagePort() + "/";
            join(first, url, "grace");
            join(second, url, "heidi");
            awaitMembers(first, "grace (you)", "heidi");

            say(second, "hello over wss");
            awaitMessage(first, "heidi", "hello over wss");
            awaitMessage(second, "heidi", "hello over wss");
            // The page chose wss:// itself, because it was loaded over https://.
            assertThat(((JavascriptExecutor) first.driver()).executeScript("return location.protocol")).isEqualTo("https:");
            first.driver().get("about:blank");
            second.driver().get("about:blank");
        }
    }

    @Test
    @DisplayName("with permessage-deflate: the chat agrees to Chromium's offer, and two members chat")
    void deflateAgreedWithTheBrowser() throws Exception {
        try (ChatServer compressed = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1").withDeflate(true))) {
            String url = pageUrl(compressed);
            join(first, url, "ivan");
            join(second, url, "judy");
            say(first, "hello, compressed");
            awaitMessage(second, "ivan", "hello, compressed");

            // The page keeps its socket to itself: a socket of the test's own, from the same page
            // and browser, shows what the server answers Chromium's offer (WebSocket.extensions).
            Object extensions = ((JavascriptExecutor) first.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/config.json').then((response) => response.json()).then((config) => {
                      const ws = new WebSocket('ws://' + location.hostname + ':' + config.wsPort + config.wsPath);
                      ws.onopen = () => { const agreed = ws.extensions; ws.close(1000); done(agreed); };
                      ws.onerror = () => done('error');
                    });
                    """);
            assertThat(extensions).asString().startsWith("permessage-deflate");
            first.driver().get("about:blank");
            second.driver().get("about:blank");
        }
    }

    @Test
    @DisplayName("a message with markup is shown as text, in both browsers")
    void markupStaysText() {
        join(first, "carol");
        join(second, "dave");
        awaitMembers(first, "carol (you)", "dave");

        say(second, MARKUP);

        for (HeadlessChromium browser : List.of(first, second)) {
            awaitMessage(browser, "dave", MARKUP);
            assertThat(browser.driver().findElements(By.cssSelector("#messages img")))
                    .as("img elements in the messages").isEmpty();
            assertThat(ExpectedConditions.alertIsPresent().apply(browser.driver())).as("an alert").isNull();
        }
    }

    @Test
    @DisplayName("the server's Close 1001 and its reason stay in the log: after a failed retry, and after the rejoin")
    void closeReasonStaysInTheLog() throws Exception {
        ChatServer own = startOwn(0, 0);
        int pagePort = own.pagePort();
        int wsPort = own.wsPort();
        try {
            join(first, pageUrl(own), "erin");
        } finally {
            own.close();
        }
        // The retry finds nothing listening (1006): a line of its own, after the server's, not over it.
        assertThat(awaitConnectionLines(first, 3)).startsWith(
                "connected as erin", "disconnected: 1001 server shutting down", "cannot connect: 1006");

        try (ChatServer again = startOwn(pagePort, wsPort)) {
            awaitState(first, "connected");
            List<String> lines = connectionLines(first);
            assertThat(lines).as("the welcome adds to the log, it does not clear it")
                    .startsWith("connected as erin", "disconnected: 1001 server shutting down")
                    .endsWith("connected as erin");
            assertThat(lines.subList(2, lines.size() - 1)).as("the failed retries in between")
                    .isNotEmpty().containsOnly("cannot connect: 1006");
        }
    }

    @Test
    @DisplayName("the message input and Send are enabled while connected only: not before the welcome, not while disconnected")
    void typingOnlyWhileConnected() throws Exception {
        ChatServer own = startOwn(0, 0);
        int pagePort = own.pagePort();
        int wsPort = own.wsPort();
        try {
            first.driver().get(pageUrl(own));
            assertThat(cannotType(first)).as("disabled before joining").isTrue();
            join(first, pageUrl(own), "frank");
            assertThat(canType(first)).as("enabled once welcomed").isTrue();
            first.driver().findElement(By.id("text")).sendKeys("typed, not yet sent");
        } finally {
            own.close();
        }
        awaitState(first, "disconnected");
        assertThat(cannotType(first)).as("disabled while disconnected").isTrue();

        try (ChatServer again = startOwn(pagePort, wsPort)) {
            awaitState(first, "connected");
            assertThat(canType(first)).as("enabled again after the rejoin").isTrue();
            assertThat(first.driver().findElement(By.id("text")).getDomProperty("value"))
                    .as("what was typed is still there").isEqualTo("typed, not yet sent");
        }
    }

    @Test
    @DisplayName("the Send button sends, empties the input, and leaves the focus in it")
    void sendButtonSends() {
        join(first, "grace");
        join(second, "heidi");
        awaitMembers(second, "grace", "heidi (you)");

        WebElement text = first.driver().findElement(By.id("text"));
        text.sendKeys("sent with the button");
        first.driver().findElement(By.id("send")).click();

        awaitMessage(second, "grace", "sent with the button");
        awaitMessage(first, "grace", "sent with the button");
        assertThat(text.getDomProperty("value")).isEmpty();
        assertThat(first.driver().switchTo().activeElement()).isEqualTo(text);
    }

    @Test
    @DisplayName("every input has a label, the Send button a name, and the status and log are announced (aria-live)")
    void labelsAndAnnouncements() {
        WebDriver page = first.driver();
        page.get(pageUrl(server));
        assertThat(page.findElement(By.cssSelector("label[for=name]")).getText()).isEqualTo("Your name");
        join(first, "ivan");
        assertThat(page.findElement(By.cssSelector("label[for=text]")).getText()).isEqualTo("Message");
        assertThat(page.findElement(By.id("send")).getText()).isEqualTo("Send");
        WebElement status = page.findElement(By.id("status"));
        assertThat(status.getDomAttribute("role")).isEqualTo("status");
        assertThat(status.getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(page.findElement(By.id("messages")).getDomAttribute("aria-live")).isEqualTo("polite");
    }

    /**
     * Run in the page before its own script: every WebSocket the page opens is kept in
     * window.__sockets, and while window.__offline is true a new one asks for a path the server
     * refuses, which the page sees as a connection that cannot be made (1006): a network that is down.
     */
    private static final String CUTTABLE_SOCKETS = """
            (() => {
              const Real = window.WebSocket;
              window.__sockets = [];
              window.__offline = false;
              function Cuttable(url, protocols) {
                const socket = new Real(window.__offline ? url.replace('/chat?', '/offline?') : url, protocols);
                window.__sockets.push(socket);
                return socket;
              }
              Cuttable.prototype = Real.prototype;
              for (const state of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Cuttable[state] = Real[state];
              window.WebSocket = Cuttable;
            })();
            """;

    @Test
    @DisplayName("a page whose connection drops comes back as the same member and shows what it missed, once")
    void aDroppedPageResumesAndShowsWhatItMissed() {
        ChromeDriver driver = (ChromeDriver) first.driver();
        Map<String, Object> script = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CUTTABLE_SOCKETS));
        try {
            join(first, "judy");
            join(second, "ken");
            awaitMembers(first, "judy (you)", "ken");

            driver.executeScript("window.__offline = true; window.__sockets.forEach((socket) => socket.close());");
            awaitState(first, "disconnected");
            say(second, "said while judy was away");
            awaitMessage(second, "ken", "said while judy was away");
            driver.executeScript("window.__offline = false;");

            awaitState(first, "connected");
            awaitMessage(first, "ken", "said while judy was away");
            assertThat(first.driver().findElements(By.cssSelector("#messages li .text")).stream()
                    .filter(text -> text.getText().equals("said while judy was away")).count())
                    .as("shown once").isEqualTo(1);
            assertThat(connectionLines(first)).as("the same member, not a stranger").endsWith("connected as judy");
            assertThat(notices(first)).as("a resume brings every event missed, its own left included, not only messages")
                    .anyMatch(line -> line.endsWith("judy left"));
            awaitMembers(first, "judy (you)", "ken");
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    /** Joins the class's chat. */
    private void join(HeadlessChromium browser, String name) {
        join(browser, pageUrl(server), name);
    }

    /**
     * Opens the page and joins. The page ignores Join until it has loaded /config.json, so the wait
     * presses Join again for as long as the form is still shown.
     */
    private static void join(HeadlessChromium browser, String url, String name) {
        WebDriver page = browser.driver();
        page.get(url);
        page.findElement(By.id("name")).sendKeys(name);
        browser.await().withMessage(() -> name + " joined; status: " + page.findElement(By.id("status")).getText())
                .until(driver -> {
                    if (driver.findElement(By.id("join")).isDisplayed()) {
                        driver.findElement(By.cssSelector("#join button[type=submit]")).click();
                    }
                    return driver.findElement(By.id("status")).getText().equals("connected as " + name);
                });
    }

    /** Waits for the status element's data-state ("connected", "disconnected", ...). */
    private static void awaitState(HeadlessChromium browser, String state) {
        browser.await().withMessage(() -> "state " + state + "; status: " + browser.driver().findElement(By.id("status")).getText()
                        + "; connection lines: " + connectionLines(browser))
                .until(page -> state.equals(page.findElement(By.id("status")).getDomAttribute("data-state")));
    }

    /** Waits for at least n lines about the connection in the log, and returns them all. */
    private static List<String> awaitConnectionLines(HeadlessChromium browser, int n) {
        browser.await().withMessage(() -> n + " connection lines; shown: " + connectionLines(browser))
                .until(page -> connectionLines(browser).size() >= n);
        return connectionLines(browser);
    }

    /** The log's lines about the connection, oldest first, without their time or retry delay. */
    private static List<String> connectionLines(HeadlessChromium browser) {
        return browser.driver().findElements(By.cssSelector("#messages li.connection .text")).stream()
                .map(WebElement::getText).toList();
    }

    private static boolean canType(HeadlessChromium browser) {
        return browser.driver().findElement(By.id("text")).isEnabled() && browser.driver().findElement(By.id("send")).isEnabled();
    }

    private static boolean cannotType(HeadlessChromium browser) {
        return !browser.driver().findElement(By.id("text")).isEnabled() && !browser.driver().findElement(By.id("send")).isEnabled();
    }

    /** A chat of its own for a test that stops and restarts the server. */
    private static ChatServer startOwn(int pagePort, int wsPort) throws Exception {
        return ChatServer.start(ChatSettings.defaults(pagePort, wsPort).withHost("127.0.0.1"));
    }

    private static void say(HeadlessChromium browser, String text) {
        browser.driver().findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    }

    private static void awaitMembers(HeadlessChromium browser, String... members) {
        browser.await().withMessage(() -> "members " + List.of(members) + "; shown: " + members(browser))
                .until(page -> members(browser).equals(List.of(members)));
    }

    private static void awaitMessage(HeadlessChromium browser, String from, String text) {
        browser.await().withMessage(() -> from + ": " + text)
                .until(page -> page.findElements(By.cssSelector("#messages li")).stream().anyMatch(line ->
                        !line.findElements(By.cssSelector(".from")).isEmpty()
                                && line.findElement(By.cssSelector(".from")).getText().equals(from)
                                && line.findElement(By.cssSelector(".text")).getText().equals(text)));
    }

    private static List<String> members(HeadlessChromium browser) {
        return browser.driver().findElements(By.cssSelector("#members li")).stream()
                .map(WebElement::getText).sorted().toList();
    }

    private static List<String> notices(HeadlessChromium browser) {
        return browser.driver().findElements(By.cssSelector("#messages li.notice")).stream()
                .map(WebElement::getText).toList();
    }

    private static void closeBrowser(HeadlessChromium browser) {
        if (browser != null) {
            browser.close();
        }
    }

    private static String pageUrl(ChatServer chat) {
        return "http://127.0.0.1:" + chat.pagePort() + "/";
    }
}
