package dev.sanfi.sockets.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium, driven through chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver}, named by path so that Selenium Manager never downloads anything. Each
 * browser gets a fresh profile directory, deleted again by {@link #close()}. For interop's browser
 * tests and the exercises' page checks; a module that uses it declares selenium-java itself (it
 * is optional here, so that the other modules' tests do not carry it).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String INSTALL = "install chromium and chromium-driver: apt-get install -y chromium chromium-driver";

    /** How long a page gets to show what the test waits for; Chromium on a busy CI machine is slow. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Whether both are there; if not, says so in the build's output, where a skip is easy to miss. */
    public static boolean installed() {
        boolean installed = found();
        if (!installed) {
            LOG.warn("no {} or no {}: the browser tests are skipped; {}", BROWSER, DRIVER, INSTALL);
        }
        return installed;
    }

    /**
     * Skips the calling test, saying what to install, when there is no Chromium or no driver. In CI
     * (the CI variable is set) the test fails instead: .ci/run installs both, so a missing browser
     * there is a broken setup, not a reason to pass without the browser tests.
     */
    public static void assumeInstalled() {
        if (System.getenv("CI") != null && !found()) {
            Assertions.fail("CI is set but " + BROWSER + " or " + DRIVER + " is missing; " + INSTALL);
        }
        Assumptions.assumeTrue(found(), INSTALL);
    }

    private static boolean found() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    public static HeadlessChromium start() throws IOException {
        return start(List.of());
    }

    /**
     * A browser that accepts one certificate's key and no other, as a person who trusted that
     * certificate would: Chromium's {@code --ignore-certificate-errors-spki-list} takes the base64
     * SHA-256 of the SubjectPublicKeyInfo, and ignores certificate errors only for a chain with
     * that key. Nothing else about TLS changes: pages, {@code wss://} and mixed content are as
     * for any trusted certificate.
     */
    public static HeadlessChromium trusting(String spkiSha256Base64) throws IOException {
        return start(List.of("--ignore-certificate-errors-spki-list=" + spkiSha256Base64));
    }

    private static HeadlessChromium start(List<String> moreArguments) throws IOException {
        Path profile = Files.createTempDirectory("sanfi-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(moreArguments)
                .addArguments(
                        "--headless",
                        "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
                        "--disable-gpu",
                        "--disable-dev-shm-usage", // containers have a tiny /dev/shm
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile);
        // An alert stays open, so that a test can see it (and fail) instead of the driver dismissing it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessChromium(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (polling the page, never sleeping blindly) up to {@link #WAIT} for a condition. */
    public WebDriverWait await() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Ends the browser and its driver, then deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
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
