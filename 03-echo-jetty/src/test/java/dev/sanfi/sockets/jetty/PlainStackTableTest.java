package dev.sanfi.sockets.jetty;

import dev.sanfi.sockets.testkit.PlainStackReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Chapter 6's table of what plain Jetty gets wrong is the one the contract finds today. */
class PlainStackTableTest {

    @Test
    void chapterShowsWhatPlainJettyGetsWrong() throws Exception {
        Path chapter = Path.of(System.getProperty("basedir", ".")).resolve("../docs/06-jetty.md").normalize();
        PlainStackReport.assertChapterShows(PlainStackContract.class, "Jetty", chapter);
    }
}
