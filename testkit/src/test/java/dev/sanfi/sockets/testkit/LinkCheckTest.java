package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relative-link check itself, on small in-memory repositories. */
class LinkCheckTest {

    private static final RepositoryFiles FILES = RepositoryFiles.inMemory(Map.of(
            "README.md", "# Top\n",
            "docs/01-intro.md", "# Intro\n\n## Try it\n\n## Ping, pong — and `close`\n\n## Try it\n",
            "m/src/Greeter.java", "class Greeter {}\n"));

    private static List<String> problems(String document, String markdown) {
        return LinkCheck.problems(document, markdown.lines().toList(), FILES);
    }

    @Test
    void linksToExistingFilesAndDirectoriesPass() {
        assertThat(problems("docs/02-next.md", """
                Back to [chapter 1](01-intro.md), the [top](../README.md), the [code](../m/src/Greeter.java),
                the [module](../m/) and [its sources](<../m/src>), the [repository](../), and ![a picture](./01-intro.md "t").

                [ref]: ../m/src/Greeter.java
                """)).isEmpty();
    }

    @Test
    void aLinkToAMissingFileFailsWithItsLine() {
        assertThat(problems("docs/02-next.md", "# Next\n\nSee [chapter 9](09-later.md).\n"))
                .containsExactly("docs/02-next.md:3: link 09-later.md leads to no file");
        assertThat(problems("README.md", "[ref]: docs/missing.md\n"))
                .containsExactly("README.md:1: link docs/missing.md leads to no file");
    }

    @Test
    void aLinkClimbingOutOfTheRepositoryFails() {
        assertThat(problems("README.md", "[up](../README.md)\n")).hasSize(1);
    }

    @Test
    void externalLinksAndLinksInCodeAreNotFollowed() {
        assertThat(problems("README.md", """
                [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455), [mail](mailto:a@b.c), [ws](ws://localhost:8081/echo),
                and `[not a link](nowhere.md)`.

                ```
                [not a link](nowhere.md)
                ```
                """)).isEmpty();
    }

    @Test
    void fragmentsMustNameAHeading() {
        assertThat(problems("README.md", """
                [ok](docs/01-intro.md#try-it), [second](docs/01-intro.md#try-it-1),
                [punctuation](docs/01-intro.md#ping-pong--and-close), [here](#top)
                """)).isEmpty();
        assertThat(problems("README.md", "[bad](docs/01-intro.md#nothing)\n"))
                .containsExactly("README.md:1: link docs/01-intro.md#nothing names no heading of docs/01-intro.md");
    }

    @Test
    void slugsFollowGitHubsRule() {
        assertThat(LinkCheck.slug("2. The opening handshake, byte by byte")).isEqualTo("2-the-opening-handshake-byte-by-byte");
        assertThat(LinkCheck.slug("Close codes 1000–1015 (and 3000–4999)")).isEqualTo("close-codes-10001015-and-30004999");
        assertThat(LinkCheck.slug("See [RFC 6455](https://x) `§5.2`")).isEqualTo("see-rfc-6455-52");
    }
}
