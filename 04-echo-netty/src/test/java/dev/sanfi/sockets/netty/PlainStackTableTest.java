package dev.sanfi.sockets.netty;

import dev.sanfi.sockets.testkit.PlainStackReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chapter 7's table of what plain Netty gets wrong is the table of what it gets wrong today. */
class PlainStackTableTest {

    @Test
    // The whole contract, against a stack whose wrong cases mostly wait out their 10 s timeouts:
    // longer than the build's 60 s default for one test, bounded all the same.
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("chapter 7 shows what the plain stack (Netty's defaults + EchoHandler) gets wrong")
    void chapterShowsWhatPlainNettyGetsWrong() throws IOException {
        Path chapter = Path.of(System.getProperty("basedir", ".")).resolve("../docs/07-netty.md").normalize();
        PlainStackReport.assertChapterShows(PlainStackContract.class, "Netty", chapter);
    }
}
