package dev.sanfi.sockets.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sanfi.sockets.testkit.PlainStackReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 9 shows the interop tables as {@link InteropTable} makes them from the lists the tests run;
 * {@code -Dsanfi.docs.update=true} writes them into the chapter instead.
 */
@DisplayName("chapter 9's interop table")
class InteropTableTest {

    private static final Path CHAPTER = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/09-side-by-side.md").normalize();

    @Test
    @DisplayName("docs/09-side-by-side.md shows the interop table of the clients and servers the matrix runs")
    void chapterShowsTheTable() throws Exception {
        String chapter = Files.readString(CHAPTER, StandardCharsets.UTF_8);
        int start = chapter.indexOf(InteropTable.START);
        int end = chapter.indexOf(InteropTable.END);
        assertThat(start).as(CHAPTER + " has the line " + InteropTable.START).isNotNegative();
        assertThat(end).as(CHAPTER + " has the line " + InteropTable.END + " after it").isGreaterThan(start);

        if (Boolean.getBoolean(PlainStackReport.UPDATE_PROPERTY)) {
            Files.writeString(CHAPTER, chapter.substring(0, start + InteropTable.START.length()) + "\n"
                    + InteropTable.markdown() + chapter.substring(end), StandardCharsets.UTF_8);
            return;
        }
        String shown = chapter.substring(start + InteropTable.START.length(), end).strip();

        assertThat(shown).as("the table in " + CHAPTER + "; replace it with (or run with -D"
                        + PlainStackReport.UPDATE_PROPERTY + "=true):\n" + InteropTable.markdown())
                .isEqualTo(InteropTable.markdown().strip());
    }
}
