package dev.sanfi.sockets.jakarta;

import dev.sanfi.sockets.testkit.PlainStackReport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Chapter 5 shows what plain Tyrus gets wrong of the contract: this keeps its table true. */
class PlainStackTableTest {

    private static final Path CHAPTER =
            Path.of(System.getProperty("basedir", ".")).resolve("../docs/05-jakarta-tyrus.md").normalize();

    @Test
    @DisplayName("the chapter's table lists exactly the contract cases plain Tyrus gets wrong")
    void chapterShowsWhatPlainTyrusGetsWrong() throws IOException {
        PlainStackReport.assertChapterShows(PlainStackContract.class, "Tyrus", CHAPTER);
    }
}
