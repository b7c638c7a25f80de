package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.ChatServer;
import dev.sanfi.sockets.chat.ChatSettings;
import dev.sanfi.sockets.chat.MemberName;
import dev.sanfi.sockets.chat.auth.AccessTokens;
import dev.sanfi.sockets.chat.auth.Authentication;
import dev.sanfi.sockets.chat.auth.TokenSecret;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The chat page in a real browser against a chat that asks for a token ({@code server --secret-file}):
 * the page asks for the token instead of a name, sends it as the connection's first message (a
 * page's WebSocket cannot send an {@code Authorization} header), and shows the server's reason when
 * the token is refused.
 */
@DisplayName("Chromium -> 05-chat-broadcast page, server --secret-file")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatTokenBrowserTest {

    private static final AccessTokens TOKENS = new AccessTokens(
            TokenSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), Clock.systemUTC());

    private ChatServer server;
    private HeadlessChromium browser;

    @BeforeAll
    void start() throws Exception {
        if (HeadlessChromium.installed()) {
            server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), null, Authentication.withTokens(TOKENS));
            browser = HeadlessChromium.start();
        }
    }

    @BeforeEach
    void requireBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @DisplayName("the page asks for a token instead of a name, sends it first, and joins under the token's name")
    void joinsWithAToken() {
        WebDriver page = openPage();
        assertThat(page.findElement(By.id("name")).isDisplayed()).isFalse();

        page.findElement(By.id("access-token")).sendKeys(TOKENS.issue(new MemberName("alice"), Duration.ofMinutes(5)));
        page.findElement(By.cssSelector("#join button[type=submit]")).click();

        browser.await().withMessage(() -> "connected; status: " + page.findElement(By.id("status")).getText())
                .until(driver -> driver.findElement(By.id("status")).getText().equals("connected as alice"));
    }

    @Test
    @DisplayName("a refused token brings the form back with the server's reason")
    void aRefusedTokenShowsWhy() {
        WebDriver page = openPage();

        page.findElement(By.id("access-token")).sendKeys("forged.token");
        page.findElement(By.cssSelector("#join button[type=submit]")).click();

        browser.await().withMessage(() -> "the reason; shown: " + page.findElement(By.id("join-error")).getText())
                .until(driver -> driver.findElement(By.id("join-error")).isDisplayed()
                        && driver.findElement(By.id("join-error")).getText().equals("invalid token"));
        assertThat(page.findElement(By.id("access-token")).isDisplayed()).isTrue();
    }

    /** Loads the page and waits until it has read /config.json and shows the token's field. */
    private WebDriver openPage() {
        WebDriver page = browser.driver();
        page.get("http://127.0.0.1:" + server.pagePort() + "/");
        browser.await().withMessage("the token field").until(driver -> driver.findElement(By.id("access-token")).isDisplayed());
        return page;
    }
}
