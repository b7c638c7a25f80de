package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.common.EchoServer;
import dev.sanfi.sockets.common.OriginPolicy;
import dev.sanfi.sockets.common.ServerSettings;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Chapter 1's Try it in a real browser: node-echo's one page, served by node-echo, talks to
 * node-echo and then, by the address typed into it, to 01-echo-raw, which lets that page's origin in
 * only when it is told to ({@code --allow-origin}).
 */
@DisplayName("Chromium -> node-echo's page, against node-echo and 01-echo-raw")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodePageBrowserTest {

    private HeadlessChromium chromium;

    @BeforeAll
    void startBrowser() throws Exception {
        if (HeadlessChromium.installed()) {
            chromium = HeadlessChromium.start();
        }
    }

    @BeforeEach
    void requireBrowserAndNode() {
        HeadlessChromium.assumeInstalled();
        OutsideRuntime.NODE.assumeInstalled();
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @DisplayName("the same page: node-echo answers 'Echo: hello', 01-echo-raw (allowing the page's origin) 'hello'")
    void samePageAgainstBoth() throws Exception {
        ServerSettings settings = ServerSettings.defaults(0).withHost("127.0.0.1");
        try (EchoServer node = NodeEchoServer.start(settings);
             EchoServer raw = ServerStack.RAW.starter().start(settings.withOriginPolicy(
                     OriginPolicy.allowing(List.of("http://127.0.0.1:" + node.port()))))) {
            page().get("http://127.0.0.1:" + node.port() + "/");

            connect("ws://127.0.0.1:" + node.port() + "/");
            send("hello");
            awaitLine("← Echo: hello");

            connect("ws://127.0.0.1:" + raw.port() + "/echo");
            send("hello");
            awaitLine("← hello");
        }
    }

    @Test
    @DisplayName("01-echo-raw with its default origin policy refuses node-echo's page: the page sees 1006")
    void otherOriginRefusedByDefault() throws Exception {
        ServerSettings settings = ServerSettings.defaults(0).withHost("127.0.0.1");
        try (EchoServer node = NodeEchoServer.start(settings);
             EchoServer raw = ServerStack.RAW.starter().start(settings)) {
            page().get("http://127.0.0.1:" + node.port() + "/");

            connect("ws://127.0.0.1:" + raw.port() + "/echo");

            awaitLine("closed: 1006");
            assertThat(lines()).doesNotContain("open");
        }
    }

    private WebDriver page() {
        return chromium.driver();
    }

    /** Types the address into the page and connects; returns once the page says the connection is open or closed. */
    private void connect(String url) {
        int before = lines().size();
        WebElement address = page().findElement(By.id("url"));
        address.clear();
        address.sendKeys(url);
        page().findElement(By.id("connect")).click();
        chromium.await().until(driver -> lines().stream().skip(before)
                .anyMatch(line -> line.equals("open") || line.startsWith("closed: ")));
    }

    private void send(String text) {
        page().findElement(By.id("message")).sendKeys(text);
        page().findElement(By.id("send")).click();
    }

    private void awaitLine(String line) {
        chromium.await().withMessage(() -> "the page's log shows " + line + "; it has " + lines())
                .until(driver -> lines().contains(line));
    }

    private List<String> lines() {
        return page().findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList();
    }
}
