package dev.sanfi.sockets.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snippet check itself, on small in-memory documents and sources. */
class SnippetCheckTest {

    private static final String SOURCE_PATH = "m/src/Greeter.java";

    private static final String SOURCE = """
            package m;

            final class Greeter {

                /** Says hello. */
                String greet(String name) {
                    if (name.isEmpty()) {
                        return "hello";
                    }
                    return "hello, " + name;
                }
            }
            """;

    private static final RepositoryFiles FILES = RepositoryFiles.inMemory(Map.of(SOURCE_PATH, SOURCE));

    private static List<String> problems(String markdown) {
        return SnippetCheck.problems("docs/ch.md", markdown.lines().toList(), FILES);
    }

    @Test
    void aMethodQuotedWithoutItsClassIndentationMatches() {
        assertThat(problems("""
                # Chapter

                <!-- snippet: m/src/Greeter.java -->
                ```java
                String greet(String name) {
                    if (name.isEmpty()) {
                        return "hello";
                    }
                    return "hello, " + name;
                }
                ```
                """)).isEmpty();
    }

    @Test
    void aSnippetKeepingTheFilesIndentationOrIndentedInAListMatches() {
        assertThat(problems("""
                <!-- snippet: m/src/Greeter.java -->
                ```java
                    /** Says hello. */
                    String greet(String name) {
                ```

                1. In a list item:

                   <!-- snippet: m/src/Greeter.java -->
                   ```java
                   final class Greeter {

                       /** Says hello. */
                   ```
                """)).isEmpty();
    }

    @Test
    void trailingWhitespaceIsIgnored() {
        assertThat(problems("<!-- snippet: m/src/Greeter.java -->\n```java\nfinal class Greeter {   \n```\n")).isEmpty();
    }

    @Test
    void aDriftedLineFailsNamingTheDocumentLineAndTheFirstDifferingLine() {
        assertThat(problems("""
                # Chapter

                <!-- snippet: m/src/Greeter.java -->
                ```java
                String greet(String name) {
                    if (name.isBlank()) {
                        return "hello";
                ```
                """)).containsExactly("docs/ch.md:6: snippet of m/src/Greeter.java is not that file's text;"
                + " first differing line: 'if (name.isBlank()) {', where Greeter.java:7 has 'if (name.isEmpty()) {'");
    }

    @Test
    void aFirstLineFoundNowhereFails() {
        assertThat(problems("<!-- snippet: m/src/Greeter.java -->\n```java\nString wave() {\n```\n"))
                .containsExactly("docs/ch.md:3: snippet of m/src/Greeter.java is not that file's text;"
                        + " first differing line: 'String wave() {', which is no line of the file");
    }

    @Test
    void reIndentingLinesAgainstEachOtherFails() {
        assertThat(problems("""
                <!-- snippet: m/src/Greeter.java -->
                ```java
                String greet(String name) {
                if (name.isEmpty()) {
                ```
                """)).singleElement().asString().startsWith("docs/ch.md:4: ");
    }

    @Test
    void droppingALineFromTheMiddleFails() {
        assertThat(problems("""
                <!-- snippet: m/src/Greeter.java -->
                ```java
                    if (name.isEmpty()) {
                        return "hello";
                    return "hello, " + name;
                ```
                """)).singleElement().asString().startsWith("docs/ch.md:5: ")
                .endsWith("where Greeter.java:9 has '}'");
    }

    @Test
    void aBlankLineMatchesOnlyABlankLine() {
        assertThat(problems("""
                <!-- snippet: m/src/Greeter.java -->
                ```java
                final class Greeter {
                    /** Says hello. */
                ```
                """)).singleElement().asString().startsWith("docs/ch.md:4: ");
    }

    @Test
    void aSnippetRunningPastTheEndOfTheFileFails() {
        assertThat(problems("""
                <!-- snippet: m/src/Greeter.java -->
                ```java
                    }
                }
                // more
                ```
                """)).singleElement().asString().endsWith("past the end of the file");
    }

    @Test
    void aPagesScriptIsQuotedLikeJava() {
        assertThat(problems("<!-- snippet: m/src/Gone.js -->\n```js\nconst gone = 1;\n```\n"))
                .containsExactly("docs/ch.md:1: the snippet's file m/src/Gone.js does not exist");
        assertThat(problems("<!-- snippet: m/src/Greeter.java -->\n```html\n<p>\n"))
                .containsExactly("docs/ch.md:2: the ```html block is never closed");
    }

    @Test
    void aMissingSourceFileFails() {
        assertThat(problems("text\n<!-- snippet: m/src/Gone.java -->\n```java\nclass Gone {}\n```\n"))
                .containsExactly("docs/ch.md:2: the snippet's file m/src/Gone.java does not exist");
    }

    @Test
    void aMarkerNotDirectlyAboveAJavaBlockFails() {
        assertThat(problems("<!-- snippet: m/src/Greeter.java -->\n\n```java\nfinal class Greeter {\n```\n"))
                .containsExactly("docs/ch.md:1: a snippet marker must be directly followed by a ```java (or ```js, ```html) block");
        assertThat(problems("<!-- snippet: m/src/Greeter.java -->\n```java\nfinal class Greeter {\n"))
                .containsExactly("docs/ch.md:2: the ```java block is never closed");
    }

    @Test
    void unmarkedBlocksAndMarkersShownInsideOtherBlocksAreNotChecked() {
        assertThat(problems("""
                ```java
                anything(goes);
                ```

                ````markdown
                <!-- snippet: m/src/Gone.java -->
                ```java
                not checked
                ```
                ````
                """)).isEmpty();
    }

    @Test
    void everyProblemOfADocumentIsReported() {
        assertThat(problems("""
                <!-- snippet: m/src/Greeter.java -->
                ```java
                final class Greeter {
                ```
                <!-- snippet: m/src/Greeter.java -->
                ```java
                final class Greeter { }
                ```
                <!-- snippet: m/src/Gone.java -->
                ```java
                x
                ```
                """)).hasSize(2);
    }
}
