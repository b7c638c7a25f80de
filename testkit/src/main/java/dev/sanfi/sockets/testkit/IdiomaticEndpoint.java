package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every stack module promises of its idiomatic echo, the first file its README and chapter
 * point to: it imports only the stack's public API (and {@code common}, the JDK's {@code java.*},
 * SLF4J), so it knows nothing of the module's gap-closing layer, and it is short enough to read in
 * one sitting.
 */
public final class IdiomaticEndpoint {

    /** The most lines the file may have, comments included. */
    public static final int MAX_LINES = 80;

    /** Imports every idiomatic endpoint may have besides its stack's API. */
    private static final List<String> ALWAYS_ALLOWED = List.of("java.", "dev.sanfi.sockets.common.", "org.slf4j.");

    private IdiomaticEndpoint() {
    }

    /**
     * Checks the source file of a module's idiomatic endpoint.
     *
     * @param source    the file, relative to the module (the test's {@code basedir})
     * @param stackApis the packages of the stack's public API it may import, e.g. {@code jakarta.websocket.}
     */
    public static void assertIdiomatic(String source, String... stackApis) throws IOException {
        Path file = Path.of(System.getProperty("basedir", ".")).resolve(source);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> imports = lines.stream().filter(line -> line.startsWith("import ")).toList();
        assertThat(imports).as("%s imports something", source).isNotEmpty();
        for (String line : imports) {
            String imported = line.replaceFirst("^import (static )?", "").replace(";", "").strip();
            boolean allowed = ALWAYS_ALLOWED.stream().anyMatch(imported::startsWith)
                    || List.of(stackApis).stream().anyMatch(imported::startsWith);
            assertThat(allowed).as("%s may import only its stack's API %s (and %s), not %s",
                    source, List.of(stackApis), ALWAYS_ALLOWED, imported).isTrue();
            assertThat(imported).as("%s must not know the gap-closing layer", source)
                    .doesNotContainPattern(Pattern.compile("\\.guard\\."));
        }
        assertThat(lines).as("%s is short enough to read in one sitting", source).hasSizeLessThanOrEqualTo(MAX_LINES);
    }
}
