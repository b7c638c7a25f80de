package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The documentation cannot drift from the code: every quoted snippet in {@code README.md}, the
 * modules' {@code README.md} and {@code docs/*.md} is still its source file's text ({@link SnippetCheck}), and every relative link
 * there leads to a file that exists ({@link LinkCheck}).
 *
 * <p>Maven runs this test in {@code testkit/}; the repository root is found by walking up from the
 * working directory to the directory that holds the parent {@code pom.xml} next to {@code testkit/}.
 */
class DocsSnippetsTest {

    private static final Path ROOT = repositoryRoot();
    private static final RepositoryFiles FILES = RepositoryFiles.onDisk(ROOT);

    @TestFactory
    Stream<DynamicTest> everySnippetIsStillItsSourcesText() throws IOException {
        return documents().stream().map(document -> dynamicTest(document, () ->
                assertThat(SnippetCheck.problems(document, lines(document), FILES))
                        .as("snippets of %s that no longer match their source", document)
                        .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyRelativeLinkLeadsToAFile() throws IOException {
        return documents().stream().map(document -> dynamicTest(document, () ->
                assertThat(LinkCheck.problems(document, lines(document), FILES))
                        .as("broken links in %s", document)
                        .isEmpty()));
    }

    @Test
    void theChaptersQuoteCode() throws IOException {
        int snippets = 0;
        for (String document : documents()) {
            snippets += SnippetCheck.snippets(document, lines(document), new ArrayList<>()).size();
        }
        assertThat(snippets).as("snippets found in the docs (is the marker format still recognized?)")
                .isPositive();
    }

    /** README.md, every module's README.md and every docs/*.md, as repository-relative paths. */
    private static List<String> documents() throws IOException {
        List<String> documents = new ArrayList<>();
        documents.add("README.md");
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("README.md")))
                    .map(dir -> dir.getFileName() + "/README.md")
                    .sorted()
                    .forEach(documents::add);
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".md"))
                    .sorted()
                    .forEach(name -> documents.add("docs/" + name));
        }
        return documents;
    }

    private static List<String> lines(String document) {
        return FILES.lines(document).orElseThrow(() -> new AssertionError(document + " is missing"));
    }

    static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            if (Files.isRegularFile(directory.resolve("pom.xml")) && Files.isDirectory(directory.resolve("testkit"))
                    && Files.isDirectory(directory.resolve("docs"))) {
                return directory;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no repository root (pom.xml, testkit/ and docs/) above "
                + Path.of("").toAbsolutePath());
    }
}
