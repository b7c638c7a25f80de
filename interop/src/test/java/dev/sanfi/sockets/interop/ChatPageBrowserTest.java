package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.chat.ChatServer;
import dev.sanfi.sockets.chat.ChatSettings;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The chat page (05-chat-broadcast) in two real browsers at once, as two people would use it: both
 * join, both see each other's messages and the member list change, and markup in a message stays
 * text. Each test joins both browsers anew, so the tests do not depend on each other.
 */
@DisplayName("two Chromiums -> 05-chat-broadcast page")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatPageBrowserTest {

    /** A classic cross-site scripting probe: as HTML it would be an image whose error handler runs. */
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    private ChatServer server;
    private HeadlessChromium first;
    private HeadlessChromium second;

    @BeforeAll
    void start() throws Exception {
        if (HeadlessChromium.installed()) {
            server = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"));
            first = HeadlessChromium.start();
            second = HeadlessChromium.start();
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
                if (server != null) {
                    server.close();
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

    /**
     * Opens the page and joins. The page ignores Join until it has loaded /config.json, so the wait
     * presses Join again for as long as the form is still shown.
     */
    private void join(HeadlessChromium browser, String name) {
        WebDriver page = browser.driver();
        page.get(pageUrl());
        page.findElement(By.id("name")).sendKeys(name);
        browser.await().withMessage(() -> name + " joined; status: " + page.findElement(By.id("status")).getText())
                .until(driver -> {
                    if (driver.findElement(By.id("join")).isDisplayed()) {
                        driver.findElement(By.cssSelector("#join button[type=submit]")).click();
                    }
                    return driver.findElement(By.id("status")).getText().equals("connected as " + name);
                });
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

    private String pageUrl() {
        return "http://127.0.0.1:" + server.pagePort() + "/";
    }
}
