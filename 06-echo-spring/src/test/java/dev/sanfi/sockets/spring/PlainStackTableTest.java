package dev.sanfi.sockets.spring;

import dev.sanfi.sockets.testkit.PlainStackReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chapter 7b's table of what plain Spring Boot gets wrong is what it gets wrong today. */
class PlainStackTableTest {

    private static final Path CHAPTER =
            Path.of(System.getProperty("basedir", ".")).resolve("../docs/07b-spring.md").normalize();

    @Test
    // The whole contract, cases side by side, and a case that differs from the chapter run twice more:
    // a plain stack's wrong cases mostly wait out their timeouts, so this may take longer than the
    // build's 60 s default for one test on a loaded machine; bounded all the same.
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("chapter 7b lists exactly the contract cases plain Spring Boot gets wrong")
    void chapterShowsWhatPlainSpringGetsWrong() throws IOException {
        PlainStackReport.assertChapterShows(PlainStackContract.class, "Spring Boot", CHAPTER);
    }
}
