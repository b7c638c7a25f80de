package dev.sanfi.sockets.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the code quoted in a Markdown file is still the text of the source it names.
 *
 * <p>A quoted snippet is a fenced {@code ```java} block (or {@code ```js} or {@code ```html}, for
 * the pages' scripts) whose line directly above is a marker
 * naming a repository-relative source file:
 *
 * <pre>
 * &lt;!-- snippet: 01-echo-raw/src/main/java/dev/sanfi/sockets/raw/Handshake.java --&gt;
 * ```java
 * ...
 * ```
 * </pre>
 *
 * <p>The rule: the block must be a run of consecutive lines of that file, shifted left by one
 * common number of columns. Precisely, after removing the block's common leading indentation, there
 * is a line {@code i} of the file and a width {@code d} such that each block line {@code j} equals
 * file line {@code i + j} with its first {@code d} characters (all of them spaces or tabs) removed.
 * Trailing whitespace is ignored, and a blank block line matches only a blank file line. So a method
 * may be quoted without its class's indentation, but not edited, shortened inside or re-indented.
 *
 * <p>Fenced blocks without a marker are not checked: they are free to show commands or illustrations.
 */
final class SnippetCheck {

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+)\\s*-->\\s*$");
    private static final Pattern ANY_FENCE = Pattern.compile("^\\s*(`{3,}|~{3,}).*$");
    private static final Pattern QUOTE_FENCE = Pattern.compile("^(\\s*)(`{3,})\\s*(java|js|html)\\s*$");

    private SnippetCheck() {
    }

    /** One quoted block: the marker's line (1-based), the file it names, and its lines. */
    record Snippet(int markerLine, String source, List<String> lines) {

        /** The Markdown line (1-based) of the block's line {@code index}. */
        int lineInDocument(int index) {
            return markerLine + 2 + index;
        }
    }

    /**
     * Every problem of one Markdown file, one line each, starting with {@code document:line:};
     * empty when every snippet is its source's text.
     */
    static List<String> problems(String document, List<String> markdown, RepositoryFiles files) {
        List<String> problems = new ArrayList<>();
        for (Snippet snippet : snippets(document, markdown, problems)) {
            String where = document + ":" + snippet.markerLine() + ": ";
            Optional<List<String>> source = files.lines(snippet.source());
            if (source.isEmpty()) {
                problems.add(where + "the snippet's file " + snippet.source() + " does not exist");
                continue;
            }
            compare(snippet.lines(), source.get()).ifPresent(mismatch ->
                    problems.add(describe(document, snippet, source.get(), mismatch)));
        }
        return problems;
    }

    private static String describe(String document, Snippet snippet, List<String> source, Mismatch mismatch) {
        String differing = quoted(snippet.lines().get(mismatch.blockLine()));
        String what = document + ":" + snippet.lineInDocument(mismatch.blockLine()) + ": snippet of "
                + snippet.source() + " is not that file's text; first differing line: " + differing;
        if (mismatch.blockLine() == 0) {
            return what + ", which is no line of the file";
        }
        if (mismatch.fileLine() >= source.size()) {
            return what + ", past the end of the file";
        }
        return what + ", where " + fileName(snippet.source()) + ":" + (mismatch.fileLine() + 1)
                + " has " + quoted(source.get(mismatch.fileLine()));
    }

    /** The marked blocks of a Markdown file; a marker without a {@code java} block below is a problem. */
    static List<Snippet> snippets(String document, List<String> markdown, List<String> problems) {
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            Matcher marker = MARKER.matcher(markdown.get(i));
            if (!marker.matches()) {
                i = endOfFence(markdown, i); // a marker shown inside another code block is not one
                continue;
            }
            Matcher fence = i + 1 < markdown.size() ? QUOTE_FENCE.matcher(markdown.get(i + 1)) : null;
            if (fence == null || !fence.matches()) {
                problems.add(document + ":" + (i + 1) + ": a snippet marker must be directly followed by a ```java (or ```js, ```html) block");
                continue;
            }
            String ticks = fence.group(2);
            int end = i + 2;
            while (end < markdown.size() && !markdown.get(end).strip().equals(ticks)) {
                end++;
            }
            if (end == markdown.size()) {
                problems.add(document + ":" + (i + 2) + ": the ```" + fence.group(3) + " block is never closed");
                break;
            }
            List<String> block = markdown.subList(i + 2, end);
            if (block.stream().allMatch(String::isBlank)) {
                problems.add(document + ":" + (i + 2) + ": the snippet is empty");
            } else {
                snippets.add(new Snippet(i + 1, marker.group(1), List.copyOf(block)));
            }
            i = end;
        }
        return snippets;
    }

    /** The closing line of the fenced block opening at {@code i}, or {@code i} itself if none opens there. */
    private static int endOfFence(List<String> markdown, int i) {
        Matcher open = ANY_FENCE.matcher(markdown.get(i));
        if (!open.matches()) {
            return i;
        }
        String fence = open.group(1);
        int end = i + 1;
        while (end < markdown.size() && !markdown.get(end).strip().startsWith(fence)) {
            end++;
        }
        return Math.min(end, markdown.size() - 1);
    }

    /** Where a block and the closest run of the file part: the block's index and the file's (0-based). */
    record Mismatch(int blockLine, int fileLine) {
    }

    /** Empty when the block is a shifted run of the file's lines; otherwise where the closest run differs. */
    static Optional<Mismatch> compare(List<String> block, List<String> file) {
        List<String> dedented = dedent(block);
        Mismatch closest = new Mismatch(0, 0);
        for (int start = 0; start < file.size(); start++) {
            int matched = matchedPrefix(dedented, file, start);
            if (matched == dedented.size()) {
                return Optional.empty();
            }
            if (matched > closest.blockLine()) {
                closest = new Mismatch(matched, start + matched);
            }
        }
        return Optional.of(closest);
    }

    /** How many leading lines of the block match the file from {@code start} on, with one shift. */
    private static int matchedPrefix(List<String> block, List<String> file, int start) {
        int shift = -1;
        for (int j = 0; j < block.size(); j++) {
            if (start + j >= file.size()) {
                return j;
            }
            String expected = block.get(j).stripTrailing();
            String actual = file.get(start + j).stripTrailing();
            if (expected.isEmpty() || actual.isEmpty()) {
                if (expected.isEmpty() != actual.isEmpty()) {
                    return j;
                }
                continue;
            }
            if (shift == -1) {
                shift = indentation(actual) - indentation(expected);
                if (shift < 0) {
                    return j;
                }
            }
            boolean same = actual.length() >= shift
                    && actual.substring(0, shift).isBlank()
                    && actual.substring(shift).equals(expected);
            if (!same) {
                return j;
            }
        }
        return block.size();
    }

    /** The lines with their common leading indentation removed (blank lines do not count). */
    static List<String> dedent(List<String> lines) {
        int common = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(SnippetCheck::indentation).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(common)).toList();
    }

    /** The number of spaces and tabs a line starts with. */
    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String quoted(String line) {
        return "'" + line.strip() + "'";
    }
}
