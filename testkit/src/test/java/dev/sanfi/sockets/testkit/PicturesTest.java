package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository's pictures: {@link PictureCheck} on docs/pictures/ and docs/*.md as they are on disk. */
class PicturesTest {

    @Test
    void everyPictureIsRenderedFromItsSourceAsItIsAndShown() throws IOException {
        Path docs = DocsSnippetsTest.repositoryRoot().resolve("docs");

        assertThat(PictureCheck.problems(read(docs.resolve("pictures"), ""), read(docs, "docs/")))
                .as("pictures out of step with their sources or chapters (see docs/pictures/README.md)")
                .isEmpty();
    }

    @Test
    void theChaptersShowPictures() throws IOException {
        Map<String, String> pictures = read(DocsSnippetsTest.repositoryRoot().resolve("docs/pictures"), "");

        assertThat(pictures.keySet()).as("docs/pictures/ (is the check looking in the right place?)")
                .contains("handshake.puml", "handshake.svg", "speed.svg");
    }

    /** The .md, .puml and .svg files directly in {@code directory}, by {@code prefix} + name. */
    private static Map<String, String> read(Path directory, String prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".md") || name.endsWith(".puml") || name.endsWith(".svg")) {
                    files.put(prefix + name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
