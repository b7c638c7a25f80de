package dev.sanfi.sockets.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The idiomatic echo uses Jetty's public WebSocket API and SLF4J only, and knows nothing of the
 * gap-closing layer: what chapter 6 and the README promise a learner opening the file.
 */
class EchoEndpointImportsTest {

    private static final Path SOURCE = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/java/dev/sanfi/sockets/jetty/EchoEndpoint.java");

    @Test
    void importsOnlyJettysWebSocketApiAndSlf4j() throws IOException {
        List<String> imports = Files.readAllLines(SOURCE).stream()
                .filter(line -> line.startsWith("import ")).toList();
        assertThat(imports).isNotEmpty().allSatisfy(line -> assertThat(line).matches(
                "import (java\\.nio\\.ByteBuffer|org\\.eclipse\\.jetty\\.websocket\\.api\\.[A-Za-z.]+|org\\.slf4j\\.[A-Za-z]+);"));
    }

    @Test
    void isShortEnoughToReadInOneSitting() throws IOException {
        assertThat(Files.readAllLines(SOURCE)).hasSizeLessThan(80);
    }
}
