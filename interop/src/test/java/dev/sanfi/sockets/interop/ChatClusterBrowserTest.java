package dev.sanfi.sockets.interop;

import dev.sanfi.sockets.chat.ChatServer;
import dev.sanfi.sockets.chat.ChatSettings;
import dev.sanfi.sockets.chat.ClusterSettings;
import dev.sanfi.sockets.chat.RedisAddress;
import dev.sanfi.sockets.testkit.HeadlessChromium;
import dev.sanfi.sockets.testkit.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The chat page on two nodes of one cluster (chapter 8b): two Chromiums, each on the page of a
 * different node, one room through a {@code redis-server} of the test's own.
 */
@DisplayName("two Chromiums -> two 05-chat-broadcast nodes on one Redis")
class ChatClusterBrowserTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("alice on node A and bob on node B see each other and each other's messages")
    void twoPagesOnTwoNodes() throws Exception {
        HeadlessChromium.assumeInstalled();
        LocalRedis redis = LocalRedis.start();
        opened.add(redis);
        ClusterSettings cluster = ClusterSettings.defaults(new RedisAddress("127.0.0.1", redis.port()))
                .withNameLease(Duration.ofSeconds(3)).withMaxBackoff(Duration.ofMillis(200));
        ChatServer a = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), cluster);
        opened.add(0, a);
        ChatServer b = ChatServer.start(ChatSettings.defaults(0, 0).withHost("127.0.0.1"), cluster);
        opened.add(0, b);
        HeadlessChromium first = HeadlessChromium.start();
        opened.add(0, first::close);
        HeadlessChromium second = HeadlessChromium.start();
        opened.add(0, second::close);

        join(first, a, "alice");
        join(second, b, "bob");
        awaitMembers(first, "alice (you)", "bob");
        awaitMembers(second, "alice", "bob (you)");

        second.driver().findElement(By.id("text")).sendKeys("hello from node B", Keys.ENTER);
        awaitMessage(first, "bob", "hello from node B");
        awaitMessage(second, "bob", "hello from node B");
    }

    /** Opens the node's page and joins; Join is pressed again until the page has loaded its config. */
    private static void join(HeadlessChromium browser, ChatServer node, String name) {
        WebDriver page = browser.driver();
        page.get("http://127.0.0.1:" + node.pagePort() + "/");
        page.findElement(By.id("name")).sendKeys(name);
        browser.await().withMessage(() -> name + " joined; status: " + page.findElement(By.id("status")).getText())
                .until(driver -> {
                    if (driver.findElement(By.id("join")).isDisplayed()) {
                        driver.findElement(By.cssSelector("#join button[type=submit]")).click();
                    }
                    return driver.findElement(By.id("status")).getText().equals("connected as " + name);
                });
    }

    private static void awaitMembers(HeadlessChromium browser, String... members) {
        browser.await().withMessage(() -> "members " + List.of(members))
                .until(page -> page.findElements(By.cssSelector("#members li")).stream()
                        .map(WebElement::getText).sorted().toList().equals(List.of(members)));
    }

    private static void awaitMessage(HeadlessChromium browser, String from, String text) {
        browser.await().withMessage(() -> from + ": " + text)
                .until(page -> page.findElements(By.cssSelector("#messages li")).stream().anyMatch(line ->
                        !line.findElements(By.cssSelector(".from")).isEmpty()
                                && line.findElement(By.cssSelector(".from")).getText().equals(from)
                                && line.findElement(By.cssSelector(".text")).getText().equals(text)));
    }
}
